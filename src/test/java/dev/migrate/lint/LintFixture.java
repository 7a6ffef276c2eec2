package dev.migrate.lint;

import dev.migrate.changelog.Changelog;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.load.ChangelogLoader;
import dev.migrate.schema.Replay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lints revisions written as YAML text, through the real loader, so findings carry the true
 * file:line:column. Revisions chain in the order given: the first is a base, each next one's
 * down-revision is the one before.
 *
 * <pre>
 * LintReport report = new LintFixture(dir)
 *     .revision("create table users (id bigint)", "- create-table: {name: users, columns: [{name: id, type: bigint}]}")
 *     .revision("drop it", "- drop-table: {name: users}")
 *     .lint();
 * </pre>
 */
final class LintFixture {

  private final Path directory;
  private final Map<String, Severity> severities = new HashMap<>();
  private int count;
  private int major = 18;
  private boolean lockTimeout = true;

  LintFixture(Path directory) {
    this.directory = directory;
  }

  /** Adds revision r{n} (transactional) with these upgrade lines (each a YAML list item, indented by the fixture). */
  LintFixture revision(String message, String... upgrade) {
    return write(message, true, upgrade);
  }

  /** Adds a revision with {@code transactional: false}. */
  LintFixture nonTransactional(String message, String... upgrade) {
    return write(message, false, upgrade);
  }

  /** Adds a revision file with this whole text; its id must be r{n} for the next n, its parent r{n-1}. */
  LintFixture file(String text) {
    count++;
    try {
      Files.writeString(directory.resolve(id(count) + ".yaml"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private LintFixture write(String message, boolean transactional, String... upgrade) {
    StringBuilder text = new StringBuilder();
    text.append("revision: \"").append(id(count + 1)).append("\"\n");
    text.append("down-revision: ").append(count == 0 ? "null" : "\"" + id(count) + "\"").append('\n');
    text.append("message: \"").append(message).append("\"\n");
    if (!transactional) {
      text.append("transactional: false\n");
    }
    text.append("upgrade:\n");
    for (String line : upgrade) {
      text.append("  ").append(line).append('\n');
    }
    return file(text.toString());
  }

  /** The id of the n-th revision (from 1). */
  static String id(int n) {
    return "r" + n;
  }

  /** The file of the n-th revision, as findings name it. */
  Path fileOf(int n) {
    return directory.resolve(id(n) + ".yaml");
  }

  LintFixture major(int postgresMajor) {
    this.major = postgresMajor;
    return this;
  }

  LintFixture severity(String rule, Severity severity) {
    severities.put(rule, severity);
    return this;
  }

  LintFixture withoutLockTimeout() {
    this.lockTimeout = false;
    return this;
  }

  LintReport lint() {
    Changelog changelog = new ChangelogLoader(Map.of(), null).load(directory);
    RevisionGraph graph = RevisionGraph.of(changelog.revisions());
    Replay replay = Replay.of(changelog, graph);
    return new Linter(new LintSettings(major, severities, lockTimeout)).lint(graph, replay);
  }

  /** The findings of one rule. */
  List<Finding> findings(String rule) {
    return lint().findings().stream().filter(f -> f.rule().equals(rule)).toList();
  }
}
