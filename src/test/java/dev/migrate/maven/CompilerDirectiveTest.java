package dev.migrate.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The directive that keeps C2 off during a long run, on this (HotSpot) JVM. */
class CompilerDirectiveTest {

  private static String directives() throws Exception {
    return String.valueOf(CompilerDirective.invoke("compilerDirectivesPrint"));
  }

  @Test
  void start_thenClose_excludesC2OnlyInBetween() throws Exception {
    assertThat(directives()).doesNotContain("Exclude:true");

    CompilerDirective directive = CompilerDirective.start();
    assertThat(directive.awaitAdded()).isTrue();
    String during = directives();
    directive.close();

    assertThat(during).containsPattern("c2 directives:\\s+inline: -\\s+Enable:true Exclude:true");
    assertThat(directives()).doesNotContain("Exclude:true");
  }
}
