package dev.migrate.load;

import dev.migrate.changelog.SourceSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of a changelog directory, and the rules for reading them safely: the tree is walked
 * without following a link twice (a loop is reported, not followed), only regular files are
 * read (a FIFO named {@code b.yaml} would block the build forever), a file over its size limit
 * is refused by its size before a byte of it is parsed, and an {@code sql: {file: ...}} must
 * resolve, after symbolic links, to a regular file inside the changelog directory.
 */
final class ChangelogFiles {

  /**
   * The largest revision or existing-types file read: SnakeYAML's own limit on a document's code
   * points (3 MiB), checked by the size in bytes before parsing, so a huge file is refused at once
   * rather than after minutes and gigabytes. A changelog file is never near it.
   */
  static final long MAX_CHANGELOG_FILE = 3L * 1024 * 1024;

  /** The largest {@code sql} file read: generous for a data load, small enough to hold in memory. */
  static final long MAX_SQL_FILE = 16L * 1024 * 1024;

  private static final Set<String> EXTENSIONS = Set.of("yaml", "yml", "xml");

  /** A file the rules refuse: a code and a sentence saying what is wrong and how to fix it. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;

    Refused(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    String code() {
      return code;
    }
  }

  /** The changelog files by relative path with '/' separators, sorted, and the entries refused on the way. */
  record Listing(SortedMap<String, Path> files, List<Diagnostic> problems) {}

  private final SortedMap<String, Path> files = new TreeMap<>();
  private final List<Diagnostic> problems = new ArrayList<>();
  /** Every directory walked, by real path, with the name it was first reached by. */
  private final Map<Path, String> walked = new HashMap<>();
  /** The real paths of the directories from the root down to the one being walked. */
  private final Deque<Path> ancestors = new ArrayDeque<>();

  private ChangelogFiles() {}

  /** Lists the changelog files below {@code directory}. */
  static Listing list(Path directory) throws IOException {
    ChangelogFiles walk = new ChangelogFiles();
    Path real = directory.toRealPath();
    walk.walked.put(real, ".");
    walk.ancestors.push(real);
    walk.list(directory, real, "");
    return new Listing(walk.files, walk.problems);
  }

  /**
   * Adds the changelog files of {@code directory} (and below) under their relative names. Only
   * the names of changelog files are read here (their type and size are checked as each is
   * read, in parallel: with ten thousand files a stat each costs more than the rest of the
   * listing); every other entry is asked whether it is a directory, without following a link,
   * and a link to a directory is followed only to a directory not walked yet. Subdirectories
   * are walked in name order, so a problem is reported the same way on every run.
   */
  private void list(Path directory, Path real, String prefix) throws IOException {
    List<Path> others = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".")) {
          continue; // editors and tools leave dot files (.#a.yaml, .git/); they are not revisions
        }
        if (EXTENSIONS.contains(extension(name))) {
          files.put(prefix + name, entry);
        } else {
          others.add(entry);
        }
      }
    }
    others.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    for (Path entry : others) {
      String name = entry.getFileName().toString();
      BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      Path target;
      if (attributes.isDirectory()) {
        target = real.resolve(name); // the parent is a real path and this entry no link
      } else if (attributes.isSymbolicLink()) {
        target = linkedDirectory(entry);
        if (target == null) {
          continue; // a link to a file not named like a changelog file, or a dangling one: not ours
        }
        if (ancestors.contains(target)) {
          problems.add(Diagnostic.error(SourceSpan.startOf(entry), "symlink-loop", "symlink loop: " + prefix + name
              + " links to " + target + ", a directory that contains it, so the directory would be read forever;"
              + " it is not followed: remove the link"));
          continue;
        }
      } else {
        continue;
      }
      String first = walked.putIfAbsent(target, prefix + name);
      if (first != null) {
        problems.add(Diagnostic.error(SourceSpan.startOf(entry), "directory-read-twice", prefix + name + " is the"
            + " directory " + first + " again (through a symbolic link), and every revision in it would be defined"
            + " twice; it is not read a second time: remove the link"));
        continue;
      }
      ancestors.push(target);
      list(entry, target, prefix + name + "/");
      ancestors.pop();
    }
  }

  /** The real path of the directory a link leads to, or null when it leads to something else or nowhere. */
  private static Path linkedDirectory(Path link) {
    try {
      Path target = link.toRealPath();
      return Files.isDirectory(target) ? target : null;
    } catch (IOException e) {
      return null; // dangling, or a loop of links that the system itself refuses to resolve
    }
  }

  /**
   * The bytes of a changelog file, read only when it is a regular file (after links) of at most
   * {@link #MAX_CHANGELOG_FILE} bytes.
   */
  static byte[] readChangelogFile(Path file) throws IOException, Refused {
    try {
      checkRegular(file, file.getFileName().toString(), MAX_CHANGELOG_FILE, "changelog file");
    } catch (FileSystemException e) {
      if (Files.isSymbolicLink(file)) {
        // a dangling link, or a loop of links (a.yaml -> b.yaml -> a.yaml) the system will not resolve
        throw new Refused("not-a-regular-file", "the changelog file '" + file.getFileName() + "' is a symbolic"
            + " link that leads to no file (it dangles, or links form a loop), so it is not read; fix or remove it");
      }
      throw e;
    }
    return Files.readAllBytes(file);
  }

  /**
   * The text of the sql file {@code name} that the revision file {@code revisionFile} names:
   * a relative path that resolves, after links, to a regular file of at most {@link #MAX_SQL_FILE}
   * bytes inside {@code root}, the changelog directory's real path. Anything else is refused
   * before a byte of it is read.
   *
   * @throws java.nio.file.NoSuchFileException when there is no such file
   */
  static String readSqlFile(Path root, Path revisionFile, String name) throws IOException, Refused {
    Path relative;
    try {
      relative = Path.of(name);
    } catch (InvalidPathException e) {
      throw new Refused("invalid-sql-file", "'" + name + "' is not a file name (" + e.getReason() + ");"
          + " name an .sql file relative to the revision file");
    }
    if (relative.isAbsolute() || name.startsWith("/") || name.startsWith("\\")) {
      throw new Refused("sql-file-outside-changelog", "the SQL file '" + name + "' is an absolute path; an sql file"
          + " must be inside the changelog directory " + root + ": move it there and name it relative to the"
          + " revision file");
    }
    Path real = revisionFile.toAbsolutePath().getParent().resolve(relative).toRealPath();
    if (!real.startsWith(root)) {
      throw new Refused("sql-file-outside-changelog", "the SQL file '" + name + "' resolves to " + real
          + ", outside the changelog directory " + root + " (through '..' or a symbolic link); an sql file must be"
          + " inside the changelog directory: move it there and name it relative to the revision file");
    }
    checkRegular(real, name, MAX_SQL_FILE, "SQL file");
    return Files.readString(real, StandardCharsets.UTF_8);
  }

  private static void checkRegular(Path file, String name, long limit, String what) throws IOException, Refused {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      String kind = attributes.isDirectory() ? "a directory" : "not a regular file (a FIFO, socket or device)";
      throw new Refused("not-a-regular-file", "the " + what + " '" + name + "' is " + kind + ", so it is not read;"
          + (what.equals("SQL file") ? " name a regular .sql file" : " rename or remove it (every .yaml, .yml and"
              + " .xml entry of the changelog directory is read as a changelog file)"));
    }
    if (attributes.size() > limit) {
      throw new Refused("file-too-large", "the " + what + " '" + name + "' has " + attributes.size() + " bytes,"
          + " more than the limit of " + limit + " bytes (" + limit / (1024 * 1024) + " MiB), so it is not read;"
          + " split it into smaller files");
    }
  }

  static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
