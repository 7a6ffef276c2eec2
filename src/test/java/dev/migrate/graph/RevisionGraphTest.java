package dev.migrate.graph;

import static dev.migrate.graph.TestRevisions.depending;
import static dev.migrate.graph.TestRevisions.file;
import static dev.migrate.graph.TestRevisions.labeled;
import static dev.migrate.graph.TestRevisions.rev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.changelog.Revision;
import dev.migrate.load.ChangelogException;
import dev.migrate.load.Diagnostic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RevisionGraphTest {

  /** A step as text: direction, revision, then the version-table rows removed (-) and added (+). */
  static List<String> steps(MigrationPath path) {
    return path.steps().stream().map(s -> {
      StringBuilder text = new StringBuilder(s.direction().name().toLowerCase()).append(' ')
          .append(s.revision().id()).append(':');
      s.removedHeads().forEach(h -> text.append(" -").append(h));
      s.addedHeads().forEach(h -> text.append(" +").append(h));
      return text.toString();
    }).toList();
  }

  static List<String> ids(List<Revision> revisions) {
    return revisions.stream().map(Revision::id).toList();
  }

  /** The targets a message tells the user to pass, in order: each {@code -Dmigrate.target=<t>}. */
  static List<String> hintedTargets(String message) {
    return java.util.regex.Pattern.compile("-Dmigrate\\.target=([^\\s,;)]+)").matcher(message).results()
        .map(m -> m.group(1)).toList();
  }

  static GraphException graphError(Runnable action) {
    return catchThrowableOfType(GraphException.class, action::run);
  }

  static ChangelogException changelogError(List<Revision> revisions) {
    return catchThrowableOfType(ChangelogException.class, () -> RevisionGraph.of(revisions));
  }

  /** 1a <- 2b <- 3c <- 4d */
  @Nested
  class LinearChain {
    final RevisionGraph graph = RevisionGraph.of(List.of(rev("3c", "2b"), rev("1a"), rev("4d", "3c"), rev("2b", "1a")));

    @Test
    void queries_chain_oneHeadOneBaseParentsFirst() {
      assertThat(graph.heads()).containsExactly("4d");
      assertThat(graph.bases()).containsExactly("1a");
      assertThat(ids(graph.topologicalOrder())).containsExactly("1a", "2b", "3c", "4d");
      assertThat(graph.children("2b")).containsExactly("3c");
      assertThat(graph.isBranchPoint("2b")).isFalse();
      assertThat(graph.isMergePoint("2b")).isFalse();
      assertThat(graph.revision("3c").downRevisions()).containsExactly("2b");
    }

    @Test
    void upgradeHead_fromEmpty_appliesAllReplacingTheRowEachTime() {
      MigrationPath path = graph.upgrade(List.of(), Target.parse("head"));
      assertThat(steps(path)).containsExactly("up 1a: +1a", "up 2b: -1a +2b", "up 3c: -2b +3c", "up 4d: -3c +4d");
      assertThat(path.headsAfter()).containsExactly("4d");
    }

    @Test
    void upgradeHead_fromMiddle_appliesTheRest() {
      assertThat(steps(graph.upgrade(List.of("2b"), Target.parse("head"))))
          .containsExactly("up 3c: -2b +3c", "up 4d: -3c +4d");
    }

    @Test
    void upgradeHead_atHead_isEmpty() {
      MigrationPath path = graph.upgrade(List.of("4d"), Target.parse("head"));
      assertThat(path.isEmpty()).isTrue();
      assertThat(path.headsAfter()).containsExactly("4d");
    }

    @Test
    void upgradeRelative_fromCurrentOrEmpty_walksUp() {
      assertThat(steps(graph.upgrade(List.of("2b"), Target.parse("+1")))).containsExactly("up 3c: -2b +3c");
      assertThat(steps(graph.upgrade(List.of(), Target.parse("+2")))).containsExactly("up 1a: +1a", "up 2b: -1a +2b");
    }

    @Test
    void upgradeRelativeToRevision_walksFromThatRevision() {
      assertThat(steps(graph.upgrade(List.of("1a"), Target.parse("2b+1"))))
          .containsExactly("up 2b: -1a +2b", "up 3c: -2b +3c");
    }

    @Test
    void upgradeToPrefix_appliesUpToIt() {
      MigrationPath path = graph.upgrade(List.of("1a"), Target.parse("3"));
      assertThat(steps(path)).containsExactly("up 2b: -1a +2b", "up 3c: -2b +3c");
      assertThat(path.headsAfter()).containsExactly("3c");
    }

    @Test
    void upgradeBase_isEmpty() {
      assertThat(graph.upgrade(List.of("2b"), Target.parse("base")).isEmpty()).isTrue();
    }

    @Test
    void upgradeRelative_pastHead_failsSayingHowFar() {
      GraphException e = graphError(() -> graph.upgrade(List.of("2b"), Target.parse("+3")));
      assertThat(e.code()).isEqualTo("relative-out-of-range");
      assertThat(e.getMessage()).contains("'+3'", "past the head 4d", "only 2 revisions above");
    }

    @Test
    void upgrade_toRevisionBelowCurrent_failsPointingAtDowngrade() {
      GraphException e = graphError(() -> graph.upgrade(List.of("3c"), Target.parse("1a")));
      assertThat(e.code()).isEqualTo("target-below-current");
      assertThat(e.getMessage()).contains("1a", "already applied", "current: 3c",
          "migrate:downgrade -Dmigrate.target=1a");
    }

    @Test
    void upgrade_withMinusN_failsPointingAtDowngrade() {
      GraphException e = graphError(() -> graph.upgrade(List.of("3c"), Target.parse("-1")));
      assertThat(e.code()).isEqualTo("invalid-target");
      assertThat(e.getMessage()).contains("migrate:downgrade -Dmigrate.target=-1");
    }

    @Test
    void downgradeMinusOne_fromHead_removesHeadAndRestoresParent() {
      MigrationPath path = graph.downgrade(List.of("4d"), Target.parse("-1"));
      assertThat(steps(path)).containsExactly("down 4d: -4d +3c");
      assertThat(path.headsAfter()).containsExactly("3c");
    }

    @Test
    void downgradeBase_undoesEverythingNewestFirst() {
      MigrationPath path = graph.downgrade(List.of("3c"), Target.parse("base"));
      assertThat(steps(path)).containsExactly("down 3c: -3c +2b", "down 2b: -2b +1a", "down 1a: -1a");
      assertThat(path.headsAfter()).isEmpty();
    }

    @Test
    void downgradeMinusN_toBaseOrBelow() {
      assertThat(graph.downgrade(List.of("2b"), Target.parse("-2")).headsAfter()).isEmpty();
      GraphException e = graphError(() -> graph.downgrade(List.of("2b"), Target.parse("-3")));
      assertThat(e.code()).isEqualTo("relative-out-of-range");
      assertThat(e.getMessage()).contains("'-3'", "below base");
    }

    @Test
    void downgradeRelativeToRevision_walksFromThatRevision() {
      assertThat(steps(graph.downgrade(List.of("4d"), Target.parse("4d-2"))))
          .containsExactly("down 4d: -4d +3c", "down 3c: -3c +2b");
    }

    @Test
    void downgradeToRevisionPlusN_undoesEverythingAboveIt() {
      assertThat(steps(graph.downgrade(List.of("4d"), Target.parse("1a+1"))))
          .containsExactly("down 4d: -4d +3c", "down 3c: -3c +2b");
    }

    @Test
    void downgrade_toRevisionNotApplied_failsPointingAtUpgrade() {
      GraphException e = graphError(() -> graph.downgrade(List.of("2b"), Target.parse("4d")));
      assertThat(e.code()).isEqualTo("target-above-current");
      assertThat(e.getMessage()).contains("4d", "not applied", "current: 2b", "migrate:upgrade -Dmigrate.target=4d");
    }

    @Test
    void downgrade_withPlusN_failsPointingAtUpgrade() {
      GraphException e = graphError(() -> graph.downgrade(List.of("2b"), Target.parse("+1")));
      assertThat(e.code()).isEqualTo("invalid-target");
      assertThat(e.getMessage()).contains("migrate:upgrade -Dmigrate.target=+1");
    }

    @Test
    void upgrade_appliedHeadUnknown_failsWithTheThreeWaysOut() {
      GraphException e = graphError(() -> graph.upgrade(List.of("3d"), Target.parse("head")));
      assertThat(e.code()).isEqualTo("unknown-applied-revision");
      assertThat(e.getMessage()).contains("'3d'", "Check out the branch", "mvn clean", "migrate:stamp");
      assertThat(e.candidates()).contains("3c", "4d");
    }

    @Test
    void upgrade_unknownTargetNothingNear_saysWhereToLook() {
      GraphException e = graphError(() -> graph.upgrade(List.of(), Target.parse("zzzzzz")));
      assertThat(e.code()).isEqualTo("unknown-revision");
      assertThat(e.getMessage()).isEqualTo("no revision 'zzzzzz' in the changelog. Run mvn migrate:history to list"
          + " the revisions.");
      assertThat(e.candidates()).isEmpty();
    }

    @Test
    void upgradeLabelHead_noLabelsAtAll_saysHowToDeclareOne() {
      GraphException e = graphError(() -> graph.upgrade(List.of(), Target.parse("billing@head")));
      assertThat(e.code()).isEqualTo("unknown-branch-label");
      assertThat(e.getMessage()).contains("no branch label 'billing'", "add branch-labels");
    }

    @Test
    void upgrade_unknownTarget_failsNamingNearestIds() {
      GraphException e = graphError(() -> graph.upgrade(List.of(), Target.parse("3x")));
      assertThat(e.code()).isEqualTo("unknown-revision");
      assertThat(e.getMessage()).contains("no revision '3x'", "did you mean '3c'", "migrate:history");
      assertThat(e.candidates()).first().isEqualTo("3c");
    }

    @Test
    void headsFor_stamp_replacesTheLineagesHead() {
      assertThat(graph.headsFor(Target.parse("head"), List.of())).containsExactly("4d");
      assertThat(graph.headsFor(Target.parse("2b"), List.of("4d"))).containsExactly("2b");
      assertThat(graph.headsFor(Target.parse("base"), List.of("4d"))).isEmpty();
      assertThat(graph.headsFor(Target.parse("-1"), List.of("4d"))).containsExactly("3c");
      assertThat(graph.headsFor(Target.parse("+1"), List.of("1a"))).containsExactly("2b");
    }

    @Test
    void applied_listsRowAndAncestorsInOrder() {
      assertThat(ids(graph.applied(List.of("3c")))).containsExactly("1a", "2b", "3c");
      assertThat(graph.applied(List.of())).isEmpty();
    }
  }

  /**
   * a0 (label core) branches into b1 (label billing) <- b2, and c1: two heads.
   */
  @Nested
  class BranchWithTwoHeads {
    final RevisionGraph graph = RevisionGraph.of(List.of(
        labeled("a0", "core"), labeled("b1", "billing", "a0"), rev("b2", "b1"), rev("c1", "a0")));

    @Test
    void queries_branchPoint_twoHeads() {
      assertThat(graph.heads()).containsExactly("b2", "c1");
      assertThat(graph.bases()).containsExactly("a0");
      assertThat(graph.isBranchPoint("a0")).isTrue();
      assertThat(graph.children("a0")).containsExactly("b1", "c1");
      assertThat(ids(graph.topologicalOrder())).containsExactly("a0", "b1", "b2", "c1");
    }

    @Test
    void labels_carriedDownTheBranch() {
      assertThat(graph.branchLabels()).containsEntry("billing", "b1").containsEntry("core", "a0");
      assertThat(graph.branchLabelsOf("b2")).containsExactly("billing", "core");
      assertThat(graph.branchLabelsOf("c1")).containsExactly("core");
      assertThat(graph.branchHead("billing")).isEqualTo("b2");
    }

    @Test
    void upgradeHead_withTwoHeads_failsNamingBothAndTheWaysOut() {
      GraphException e = graphError(() -> graph.upgrade(List.of(), Target.parse("head")));
      assertThat(e.code()).isEqualTo("multiple-heads");
      assertThat(e.getMessage()).contains("2 heads", "b2 (billing, core)", "c1 (core)", "'heads'", "migrate:merge");
      assertThat(e.candidates()).containsExactly("b2", "c1");
    }

    @Test
    void upgradeHeads_fromEmpty_secondBranchAddsARowOnly() {
      MigrationPath path = graph.upgrade(List.of(), Target.parse("heads"));
      assertThat(steps(path)).containsExactly("up a0: +a0", "up b1: -a0 +b1", "up b2: -b1 +b2", "up c1: +c1");
      assertThat(path.headsAfter()).containsExactly("b2", "c1");
    }

    @Test
    void upgradeLabelHead_appliesThatBranchOnly() {
      assertThat(steps(graph.upgrade(List.of("a0"), Target.parse("billing@head"))))
          .containsExactly("up b1: -a0 +b1", "up b2: -b1 +b2");
    }

    @Test
    void upgradeLabelHead_branchWithTwoHeads_fails() {
      GraphException e = graphError(() -> graph.upgrade(List.of(), Target.parse("core@head")));
      assertThat(e.code()).isEqualTo("multiple-heads");
      assertThat(e.getMessage()).contains("branch 'core' has 2 heads", "b2", "c1");
    }

    @Test
    void upgradeLabelHead_unknownLabel_failsNamingKnownLabels() {
      GraphException e = graphError(() -> graph.upgrade(List.of(), Target.parse("biling@head")));
      assertThat(e.code()).isEqualTo("unknown-branch-label");
      assertThat(e.getMessage()).contains("'biling'", "did you mean billing", "Known labels: billing, core");
    }

    @Test
    void upgradeOtherBranch_keepsTheFirstBranchsRow() {
      MigrationPath path = graph.upgrade(List.of("b2"), Target.parse("c1"));
      assertThat(steps(path)).containsExactly("up c1: +c1");
      assertThat(path.headsAfter()).containsExactly("b2", "c1");
    }

    @Test
    void upgradePlusOne_atBranchPoint_failsNamingTheBranches() {
      GraphException e = graphError(() -> graph.upgrade(List.of("a0"), Target.parse("+1")));
      assertThat(e.code()).isEqualTo("ambiguous-relative");
      assertThat(e.getMessage()).contains("a0 branches into b1, c1", "<label>@head");
      assertThat(e.candidates()).containsExactly("b1", "c1");
    }

    @Test
    void downgradeMinusOne_withTwoAppliedHeads_failsNamingThem() {
      GraphException e = graphError(() -> graph.downgrade(List.of("b2", "c1"), Target.parse("-1")));
      assertThat(e.code()).isEqualTo("ambiguous-relative");
      assertThat(e.getMessage()).contains("2 current heads (b2, c1)", "-Dmigrate.target=b2-1");
    }

    @Test
    void downgradeToBranchPoint_undoesBothBranchesRestoringRowsAsTheyEmpty() {
      MigrationPath path = graph.downgrade(List.of("b2", "c1"), Target.parse("a0"));
      assertThat(steps(path)).containsExactly("down c1: -c1", "down b2: -b2 +b1", "down b1: -b1 +a0");
      assertThat(path.headsAfter()).containsExactly("a0");
    }

    @Test
    void downgradeInsideOneBranch_leavesTheOtherAlone() {
      MigrationPath path = graph.downgrade(List.of("b2", "c1"), Target.parse("b1"));
      assertThat(steps(path)).containsExactly("down b2: -b2 +b1");
      assertThat(path.headsAfter()).containsExactly("b1", "c1");
    }

    @Test
    void headsFor_stamp_keepsUnrelatedBranches() {
      assertThat(graph.headsFor(Target.parse("c1"), List.of("b2"))).containsExactly("b2", "c1");
      assertThat(graph.headsFor(Target.parse("b1"), List.of("b2", "c1"))).containsExactly("b1", "c1");
      assertThat(graph.headsFor(Target.parse("a0"), List.of("b2", "c1"))).containsExactly("a0");
      assertThat(graph.headsFor(Target.parse("heads"), List.of())).containsExactly("b2", "c1");
      assertThat(graph.headsFor(Target.parse("b2"), List.of("c1"))).containsExactly("b2", "c1");
    }
  }

  /** a0 branches into b1 and c1, which m9 merges. */
  @Nested
  class BranchAndMerge {
    final RevisionGraph graph = RevisionGraph.of(List.of(rev("m9", "b1", "c1"), rev("c1", "a0"), rev("b1", "a0"),
        rev("a0")));

    @Test
    void queries_mergePoint_oneHead() {
      assertThat(graph.heads()).containsExactly("m9");
      assertThat(graph.isMergePoint("m9")).isTrue();
      assertThat(graph.isBranchPoint("a0")).isTrue();
      assertThat(ids(graph.topologicalOrder())).containsExactly("a0", "b1", "c1", "m9");
    }

    @Test
    void upgradeHead_mergeRemovesBothParentRows() {
      MigrationPath path = graph.upgrade(List.of(), Target.parse("head"));
      assertThat(steps(path)).containsExactly("up a0: +a0", "up b1: -a0 +b1", "up c1: +c1", "up m9: -b1 -c1 +m9");
      assertThat(path.headsAfter()).containsExactly("m9");
    }

    @Test
    void upgradeMerge_withOneBranchApplied_appliesTheOtherFirst() {
      assertThat(steps(graph.upgrade(List.of("b1"), Target.parse("m9"))))
          .containsExactly("up c1: +c1", "up m9: -b1 -c1 +m9");
    }

    @Test
    void upgradePlusOne_fromBothParents_isTheMerge() {
      assertThat(steps(graph.upgrade(List.of("b1", "c1"), Target.parse("+1")))).containsExactly("up m9: -b1 -c1 +m9");
    }

    @Test
    void downgradeMinusOne_fromMerge_restoresBothParentRows() {
      MigrationPath path = graph.downgrade(List.of("m9"), Target.parse("-1"));
      assertThat(steps(path)).containsExactly("down m9: -m9 +b1 +c1");
      assertThat(path.headsAfter()).containsExactly("b1", "c1");
    }

    @Test
    void downgradeMinusTwo_throughMerge_failsAsAmbiguous() {
      GraphException e = graphError(() -> graph.downgrade(List.of("m9"), Target.parse("-2")));
      assertThat(e.code()).isEqualTo("ambiguous-relative");
      assertThat(e.getMessage()).contains("m9 is a merge of b1, c1");
    }

    /** Every hint is followed: the merge first, then one branch, and the other branch stays. */
    @Test
    void downgradeMinusTwo_throughMerge_hintsUndoTheMergeThenOneBranchOnly() {
      GraphException e = graphError(() -> graph.downgrade(List.of("m9"), Target.parse("-2")));
      List<String> hinted = hintedTargets(e.getMessage());
      assertThat(hinted).containsExactly("m9-1", "b1-1", "c1-1");

      MigrationPath first = graph.downgrade(List.of("m9"), Target.parse(hinted.get(0)));
      assertThat(steps(first)).containsExactly("down m9: -m9 +b1 +c1");
      MigrationPath second = graph.downgrade(first.headsAfter(), Target.parse(hinted.get(1)));
      assertThat(steps(second)).containsExactly("down b1: -b1");
      assertThat(second.headsAfter()).containsExactly("c1");
      MigrationPath other = graph.downgrade(first.headsAfter(), Target.parse(hinted.get(2)));
      assertThat(steps(other)).containsExactly("down c1: -c1");
      assertThat(other.headsAfter()).containsExactly("b1");
    }

    /** After the merge is undone, -1 is ambiguous; the hint it gives undoes one branch, not both. */
    @Test
    void downgradeMinusOne_bothParentsApplied_hintUndoesOneBranchOnly() {
      GraphException e = graphError(() -> graph.downgrade(List.of("b1", "c1"), Target.parse("-1")));
      assertThat(e.code()).isEqualTo("ambiguous-relative");
      List<String> hinted = hintedTargets(e.getMessage());
      assertThat(hinted).containsExactly("b1-1");

      MigrationPath path = graph.downgrade(List.of("b1", "c1"), Target.parse(hinted.get(0)));
      assertThat(steps(path)).containsExactly("down b1: -b1");
      assertThat(path.headsAfter()).containsExactly("c1");
    }

    @Test
    void downgradeToBranchPoint_byItsId_stillUndoesBothBranches() {
      MigrationPath path = graph.downgrade(List.of("b1", "c1"), Target.parse("a0"));
      assertThat(steps(path)).containsExactly("down c1: -c1", "down b1: -b1 +a0");
    }

    @Test
    void downgradeToBase_undoesNewestFirst() {
      assertThat(steps(graph.downgrade(List.of("m9"), Target.parse("base"))))
          .containsExactly("down m9: -m9 +b1 +c1", "down c1: -c1", "down b1: -b1 +a0", "down a0: -a0");
    }
  }

  /** Two independent lines: x1 <- x2 and y1 <- y2. */
  @Nested
  class TwoBases {
    final RevisionGraph graph = RevisionGraph.of(List.of(rev("y2", "y1"), rev("x2", "x1"), rev("y1"), rev("x1")));

    @Test
    void queries_twoBasesTwoHeads() {
      assertThat(graph.bases()).containsExactly("x1", "y1");
      assertThat(graph.heads()).containsExactly("x2", "y2");
      assertThat(ids(graph.topologicalOrder())).containsExactly("x1", "x2", "y1", "y2");
    }

    @Test
    void upgradeHeads_eachLineKeepsItsOwnRow() {
      MigrationPath path = graph.upgrade(List.of(), Target.parse("heads"));
      assertThat(steps(path)).containsExactly("up x1: +x1", "up x2: -x1 +x2", "up y1: +y1", "up y2: -y1 +y2");
      assertThat(path.headsAfter()).containsExactly("x2", "y2");
    }

    @Test
    void upgradePlusOne_fromEmpty_failsNamingTheBases() {
      GraphException e = graphError(() -> graph.upgrade(List.of(), Target.parse("+1")));
      assertThat(e.code()).isEqualTo("ambiguous-relative");
      assertThat(e.getMessage()).contains("base branches into x1, y1");
    }

    @Test
    void downgradeToOneBase_leavesTheOtherLine() {
      MigrationPath path = graph.downgrade(List.of("x2", "y2"), Target.parse("x1"));
      assertThat(steps(path)).containsExactly("down x2: -x2 +x1");
      assertThat(path.headsAfter()).containsExactly("x1", "y2");
    }
  }

  /** p1 <- p2, and p2 depends on q1, a base of its own that nothing else follows. */
  @Nested
  class DependsOn {
    final RevisionGraph graph = RevisionGraph.of(List.of(depending("p2", List.of("p1"), "q1"), rev("q1"), rev("p1")));

    @Test
    void queries_dependencyIsNoParent() {
      assertThat(graph.heads()).containsExactly("p2");
      assertThat(graph.isMergePoint("p2")).isFalse();
      assertThat(graph.isHead("q1")).isFalse();
      assertThat(graph.isEffectiveHead("q1")).isTrue();
      assertThat(graph.dependents("q1")).containsExactly("p2");
      assertThat(graph.children("q1")).isEmpty();
      assertThat(ids(graph.topologicalOrder())).containsExactly("p1", "q1", "p2");
    }

    @Test
    void upgrade_appliesDependencyFirstAndFoldsItsRow() {
      MigrationPath path = graph.upgrade(List.of("p1"), Target.parse("p2"));
      assertThat(steps(path)).containsExactly("up q1: +q1", "up p2: -p1 -q1 +p2");
      assertThat(path.headsAfter()).containsExactly("p2");
    }

    @Test
    void upgradeHead_effectiveHeadDoesNotCount_appliedThroughItsDependent() {
      MigrationPath path = graph.upgrade(List.of(), Target.parse("head"));
      assertThat(steps(path)).containsExactly("up p1: +p1", "up q1: +q1", "up p2: -p1 -q1 +p2");
      assertThat(path.headsAfter()).containsExactly("p2");
    }

    @Test
    void upgradeDependencyAlone_touchesNothingElse() {
      assertThat(steps(graph.upgrade(List.of("p1"), Target.parse("q1")))).containsExactly("up q1: +q1");
    }

    @Test
    void downgradeDependency_undoesTheDependentFirst() {
      MigrationPath path = graph.downgrade(List.of("p2"), Target.parse("p1"));
      assertThat(steps(path)).containsExactly("down p2: -p2 +p1 +q1");
      assertThat(path.headsAfter()).containsExactly("p1", "q1");
      assertThat(steps(graph.downgrade(List.of("p2"), Target.parse("base"))))
          .containsExactly("down p2: -p2 +p1 +q1", "down q1: -q1", "down p1: -p1");
    }

    @Test
    void applied_includesDependencies() {
      assertThat(ids(graph.applied(List.of("p2")))).containsExactly("p1", "q1", "p2");
    }
  }

  @Nested
  class Resolve {
    final RevisionGraph graph = RevisionGraph.of(List.of(rev("ab12"), rev("ab34", "ab12"), labeled("cd56", "ops",
        "ab34"), rev("cd5", "ab12")));

    @Test
    void resolve_fullIdOrUniquePrefix() {
      assertThat(graph.resolve("ab34")).isEqualTo("ab34");
      assertThat(graph.resolve("ab3")).isEqualTo("ab34");
      assertThat(graph.resolve("cd56")).isEqualTo("cd56");
    }

    @Test
    void resolve_idThatIsAlsoAPrefix_isExact() {
      assertThat(graph.resolve("cd5")).isEqualTo("cd5");
    }

    @Test
    void resolve_ambiguousPrefix_failsNamingCandidates() {
      GraphException e = graphError(() -> graph.resolve("ab"));
      assertThat(e.code()).isEqualTo("ambiguous-revision");
      assertThat(e.getMessage()).contains("'ab'", "2 revision ids: ab12, ab34", "more characters");
      assertThat(e.candidates()).containsExactly("ab12", "ab34");
    }

    @Test
    void resolve_labelHeadAndRelative() {
      assertThat(graph.resolve("ops@head")).isEqualTo("cd56");
      assertThat(graph.resolve("cd56-1")).isEqualTo("ab34");
      assertThat(graph.resolve("ab34+1")).isEqualTo("cd56");
    }

    @Test
    void resolve_head_withTwoHeads_fails() {
      assertThat(graphError(() -> graph.resolve("head")).code()).isEqualTo("multiple-heads");
    }

    @Test
    void resolve_unknown_failsWithNearest() {
      GraphException e = graphError(() -> graph.resolve("ab35"));
      assertThat(e.code()).isEqualTo("unknown-revision");
      assertThat(e.candidates()).contains("ab34");
    }

    @Test
    void resolve_formsNamingNoSingleRevision_fail() {
      assertThat(graphError(() -> graph.resolve("base")).code()).isEqualTo("invalid-target");
      assertThat(graphError(() -> RevisionGraph.of(List.of(rev("a1"))).resolve("heads")).getMessage())
          .contains("'heads' does not name one revision");
      assertThat(graphError(() -> graph.resolve("+1")).code()).isEqualTo("invalid-target");
    }

    @Test
    void upgrade_targetNearAWord_suggestsTheWord() {
      RevisionGraph line = RevisionGraph.of(List.of(rev("ab12"), rev("ab34", "ab12")));
      GraphException e = graphError(() -> line.upgrade(List.of(), Target.parse("hed")));
      assertThat(e.code()).isEqualTo("unknown-revision");
      assertThat(e.getMessage()).contains("no revision 'hed' in the changelog; did you mean 'head'?");
      assertThat(steps(line.upgrade(List.of(), Target.parse(suggested(e))))).containsExactly("up ab12: +ab12",
          "up ab34: -ab12 +ab34");
    }

    @Test
    void upgrade_bareNumber_suggestsPlusN_andTheHintWorks() {
      GraphException e = graphError(() -> graph.upgrade(List.of("ab34"), Target.parse("1")));
      assertThat(e.getMessage()).contains("no revision '1' in the changelog; did you mean '+1'?");
      assertThat(steps(graph.upgrade(List.of("ab34"), Target.parse(suggested(e))))).containsExactly("up cd56: -ab34 +cd56");
    }

    @Test
    void downgrade_bareNumber_suggestsMinusN_andTheHintWorks() {
      GraphException e = graphError(() -> graph.downgrade(List.of("cd56"), Target.parse("1")));
      assertThat(e.getMessage()).contains("no revision '1' in the changelog; did you mean '-1'?");
      assertThat(steps(graph.downgrade(List.of("cd56"), Target.parse(suggested(e))))).containsExactly("down cd56: -cd56 +ab34");
    }

    @Test
    void resolve_bareNumber_suggestsNoRelativeForm() {
      assertThat(graphError(() -> graph.resolve("7")).getMessage()).contains("no revision '7' in the changelog.");
    }

    private String suggested(GraphException e) {
      return e.getMessage().replaceAll("(?s).*did you mean '([^']+)'.*", "$1");
    }

    @Test
    void revision_unknownId_fails() {
      assertThatThrownBy(() -> graph.revision("zz")).isInstanceOf(GraphException.class)
          .hasFieldOrPropertyWithValue("code", "unknown-revision");
    }
  }

  @Nested
  class Errors {
    @Test
    void of_duplicateId_namesBothFiles() {
      Revision second = new Revision("a1", List.of(), List.of(), List.of(), "again", true, null, List.of(), null, null,
          null, dev.migrate.changelog.SourceSpan.startOf(file("a1_again")));
      ChangelogException e = changelogError(List.of(rev("a1"), second));
      Diagnostic d = e.diagnostics().get(0);
      assertThat(d.code()).isEqualTo("duplicate-revision");
      assertThat(d.at().file()).isEqualTo(file("a1_again"));
      assertThat(d.message()).contains("'a1'", file("a1").toString(), file("a1_again").toString(), "new id");
    }

    @Test
    void of_unknownDownRevision_suggestsNearest() {
      ChangelogException e = changelogError(List.of(rev("a1"), rev("b2", "a2")));
      Diagnostic d = e.diagnostics().get(0);
      assertThat(d.code()).isEqualTo("unknown-down-revision");
      assertThat(d.at().file()).isEqualTo(file("b2"));
      assertThat(d.message()).contains("down-revision 'a2' of revision 'b2'", "did you mean a1", "make 'b2' a base");
    }

    @Test
    void of_unknownDependsOn() {
      Diagnostic d = changelogError(List.of(rev("a1"), depending("b2", List.of("a1"), "zz9"))).diagnostics().get(0);
      assertThat(d.code()).isEqualTo("unknown-depends-on");
      assertThat(d.at().file()).isEqualTo(file("b2"));
      assertThat(d.message()).contains("depends-on 'zz9' of revision 'b2'");
    }

    @Test
    void of_cycle_namesTheCycle() {
      ChangelogException e = changelogError(List.of(rev("a1"), rev("b2", "a1", "d4"), rev("c3", "b2"), rev("d4", "c3")));
      assertThat(e.diagnostics()).hasSize(1);
      Diagnostic d = e.diagnostics().get(0);
      assertThat(d.code()).isEqualTo("revision-cycle");
      assertThat(d.at().file()).isEqualTo(file("b2"));
      assertThat(d.message()).contains("b2 -> d4 -> c3 -> b2", "older revision");
    }

    @Test
    void of_selfReference_isACycle() {
      Diagnostic d = changelogError(List.of(rev("a1", "a1"))).diagnostics().get(0);
      assertThat(d.code()).isEqualTo("revision-cycle");
      assertThat(d.message()).contains("a1 -> a1");
    }

    @Test
    void of_duplicateBranchLabel_namesBothRevisions() {
      Diagnostic d = changelogError(List.of(labeled("a1", "billing"), labeled("b2", "billing", "a1")))
          .diagnostics().get(0);
      assertThat(d.code()).isEqualTo("duplicate-branch-label");
      assertThat(d.at().file()).isEqualTo(file("b2"));
      assertThat(d.message()).contains("'billing'", "'a1'", "'b2'", file("a1").toString(), "rename one");
    }

    @Test
    void of_reservedId() {
      Diagnostic d = changelogError(List.of(rev("heads"))).diagnostics().get(0);
      assertThat(d.code()).isEqualTo("reserved-revision-id");
      assertThat(d.message()).contains("'heads' cannot be a revision id");
    }

    @Test
    void of_malformedIdAndLabel() {
      ChangelogException e = changelogError(List.of(rev("Add-Users"), labeled("b2", "x@y")));
      assertThat(e.diagnostics()).extracting(Diagnostic::code).containsExactly("invalid-revision-id",
          "invalid-branch-label");
      assertThat(e.diagnostics().get(0).message()).contains("'Add-Users'", "lowercase letters, digits and underscores");
      assertThat(e.diagnostics().get(1).at().file()).isEqualTo(file("b2"));
      assertThat(e.diagnostics().get(1).message()).contains("'x@y'", "without '@'");
    }

    @Test
    void of_everyProblemReportedTogether() {
      ChangelogException e = changelogError(List.of(rev("base"), rev("a1", "nope"), rev("a1"), rev("c3", "c3")));
      assertThat(e.diagnostics()).extracting(Diagnostic::code).containsExactly("reserved-revision-id",
          "duplicate-revision", "unknown-down-revision", "revision-cycle");
      assertThat(e.getMessage()).startsWith("4 problems in the changelog:");
    }
  }

  /**
   * Random graphs (merges, branches, depends-on) and random starting points: after every step
   * the version table, maintained only from each step's removed and added rows, holds exactly
   * the applied revisions that no applied revision requires, as alembic_version does.
   */
  @Nested
  class RandomGraphs {
    @Test
    void everyStep_keepsTheVersionTableAtTheAppliedHeads() {
      Random random = new Random(7);
      int stepsChecked = 0;
      for (int trial = 0; trial < 200; trial++) {
        RevisionGraph graph = RevisionGraph.of(randomRevisions(random, 2 + random.nextInt(25)));
        int n = graph.size();
        List<String> start = maximal(graph.applied(List.of(String.format("n%02d", random.nextInt(n)))));
        for (String target : List.of(String.format("n%02d", random.nextInt(n)), "heads", "base")) {
          stepsChecked += check(graph, start, target, true) + check(graph, start, target, false);
        }
      }
      assertThat(stepsChecked).as("steps checked").isGreaterThan(1000);
    }

    private List<Revision> randomRevisions(Random random, int n) {
      List<Revision> revisions = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        List<String> parents = new ArrayList<>();
        List<String> deps = new ArrayList<>();
        for (int p = 0; p < i; p++) {
          double draw = random.nextDouble();
          if (draw < 2.0 / i && parents.size() < 3) {
            parents.add(String.format("n%02d", p));
          } else if (draw > 0.97) {
            deps.add(String.format("n%02d", p));
          }
        }
        revisions.add(TestRevisions.revision(String.format("n%02d", i), parents, List.of(), deps, List.of()));
      }
      return revisions;
    }

    /** Replays the path's row changes over {@code start}, checking each against the applied revisions. */
    private int check(RevisionGraph graph, List<String> start, String target, boolean up) {
      MigrationPath path;
      try {
        path = up ? graph.upgrade(start, Target.parse(target)) : graph.downgrade(start, Target.parse(target));
      } catch (GraphException e) {
        assertThat(e.code()).isIn("target-below-current", "target-above-current");
        return 0;
      }
      List<Revision> applied = new ArrayList<>(graph.applied(start));
      List<String> rows = new ArrayList<>(start);
      for (Step step : path.steps()) {
        assertThat(rows).as("rows before %s", step.revision().id()).containsAll(step.removedHeads());
        rows.removeAll(step.removedHeads());
        rows.addAll(step.addedHeads());
        if (up) {
          assertThat(ids(applied)).as("requirements of %s", step.revision().id())
              .containsAll(step.revision().downRevisions()).containsAll(step.revision().dependsOn());
          applied.add(step.revision());
        } else {
          applied.remove(step.revision());
        }
        assertThat(rows).as("rows after %s %s", step.direction(), step.revision().id())
            .containsExactlyInAnyOrderElementsOf(maximal(applied));
      }
      assertThat(path.headsAfter()).containsExactlyInAnyOrderElementsOf(rows);
      if (target.equals("heads") && up) {
        assertThat(rows).containsExactlyInAnyOrderElementsOf(graph.heads());
      } else if (target.equals("base")) {
        assertThat(rows).isEqualTo(up ? start : List.of());
      } else if (!target.equals("heads")) {
        assertThat(up ? ids(applied) : rows).contains(target);
      }
      return path.steps().size();
    }

    /** The applied revisions that no applied revision names as down-revision or depends-on. */
    private List<String> maximal(List<Revision> applied) {
      return ids(applied).stream().filter(id -> applied.stream().noneMatch(r -> r.downRevisions().contains(id)
          || r.dependsOn().contains(id))).toList();
    }
  }

  @Nested
  class Determinism {
    final List<Revision> revisions = List.of(labeled("a0", "core"), rev("b1", "a0"), rev("b2", "b1"), rev("c1", "a0"),
        rev("c2", "c1"), rev("m9", "b2", "c2"), depending("d1", List.of(), "c1"), rev("e5", "m9"));

    @Test
    void sameGraph_anyFileOrder_sameOrderAndPaths() {
      RevisionGraph reference = RevisionGraph.of(revisions);
      Random random = new Random(42);
      for (int trial = 0; trial < 20; trial++) {
        List<Revision> shuffled = new ArrayList<>(revisions);
        Collections.shuffle(shuffled, random);
        RevisionGraph graph = RevisionGraph.of(shuffled);
        assertThat(ids(graph.topologicalOrder())).isEqualTo(ids(reference.topologicalOrder()));
        assertThat(steps(graph.upgrade(List.of(), Target.parse("heads"))))
            .isEqualTo(steps(reference.upgrade(List.of(), Target.parse("heads"))));
        assertThat(steps(graph.downgrade(List.of("e5", "d1"), Target.parse("base"))))
            .isEqualTo(steps(reference.downgrade(List.of("e5", "d1"), Target.parse("base"))));
      }
    }

    @Test
    void topologicalOrder_keepsABranchTogetherThenSmallestId() {
      assertThat(ids(RevisionGraph.of(revisions).topologicalOrder()))
          .containsExactly("a0", "b1", "b2", "c1", "c2", "m9", "e5", "d1");
    }

    @Test
    void longChain_isHandledWithoutRecursion() {
      List<Revision> chain = IntStream.range(0, 10_000)
          .mapToObj(i -> i == 0 ? rev(String.format("r%05d", i)) : rev(String.format("r%05d", i),
              String.format("r%05d", i - 1)))
          .collect(Collectors.toCollection(ArrayList::new));
      Collections.reverse(chain);
      RevisionGraph graph = RevisionGraph.of(chain);
      assertThat(graph.heads()).containsExactly("r09999");
      MigrationPath path = graph.upgrade(List.of("r00000"), Target.parse("head"));
      assertThat(path.steps()).hasSize(9_999);
      assertThat(graph.downgrade(path.headsAfter(), Target.parse("base")).steps()).hasSize(10_000);
      assertThat(graph.resolve("r09998")).isEqualTo("r09998");
      GraphException e = graphError(() -> graph.resolve("r0999"));
      assertThat(e.code()).isEqualTo("ambiguous-revision");
      assertThat(e.candidates()).hasSize(10).startsWith("r09990");
    }
  }
}
