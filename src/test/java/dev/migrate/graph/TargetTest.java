package dev.migrate.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetTest {

  @Test
  void parse_everyForm() {
    assertThat(Target.parse("head")).isEqualTo(new Target.Head());
    assertThat(Target.parse("heads")).isEqualTo(new Target.Heads());
    assertThat(Target.parse("base")).isEqualTo(new Target.Base());
    assertThat(Target.parse("3f2a9c1e7b4d")).isEqualTo(new Target.Id("3f2a9c1e7b4d"));
    assertThat(Target.parse("3f2a")).isEqualTo(new Target.Id("3f2a"));
    assertThat(Target.parse("billing@head")).isEqualTo(new Target.BranchHead("billing"));
    assertThat(Target.parse("+2")).isEqualTo(new Target.Relative(2));
    assertThat(Target.parse("-1")).isEqualTo(new Target.Relative(-1));
    assertThat(Target.parse("ae10+2")).isEqualTo(new Target.RelativeTo("ae10", 2));
    assertThat(Target.parse("ae10-3")).isEqualTo(new Target.RelativeTo("ae10", -3));
    assertThat(Target.parse(" head ")).isEqualTo(new Target.Head());
  }

  @ParameterizedTest
  @ValueSource(strings = {"head", "heads", "base", "3f2a", "billing@head", "+2", "-1", "ae10+2", "ae10-3"})
  void toString_givesTheTextBack(String text) {
    assertThat(Target.parse(text)).hasToString(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "+0", "ae10-0", "ABC", "billing@tail", "@head", "+x", "a b", "+99999999999"})
  void parse_malformed_failsListingTheForms(String text) {
    GraphException e = catchThrowableOfType(GraphException.class, () -> Target.parse(text));
    assertThat(e.code()).isEqualTo("invalid-target");
    assertThat(e.getMessage()).contains("cannot read the target", "head, heads, base", "<label>@head", "+N");
  }
}
