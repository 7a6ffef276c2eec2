package dev.migrate.load;

import dev.migrate.changelog.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One element of a validated XML changelog file, as {@link XmlReader} builds it: its local
 * name, where its start tag begins, its attributes with the type the schema gave them, its
 * child elements and its own text (character data directly inside it, child text excluded).
 */
record XmlElement(String name, SourceSpan at, List<Attribute> attributes, List<XmlElement> children,
    StringBuilder text) {

  /** How the schema types an attribute, which decides its JSON spelling. */
  enum Kind { STRING, BOOLEAN, NUMBER, LIST, DURATION }

  record Attribute(String name, String value, Kind kind, SourceSpan at) {}

  static XmlElement start(String name, SourceSpan at, List<Attribute> attributes) {
    return new XmlElement(name, at, List.copyOf(attributes), new ArrayList<>(), new StringBuilder());
  }

  Optional<Attribute> attribute(String attributeName) {
    return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
  }

  List<XmlElement> children(String childName) {
    return children.stream().filter(c -> c.name().equals(childName)).toList();
  }

  /** The element's own text without the whitespace around it. */
  String trimmedText() {
    return text.toString().strip();
  }
}
