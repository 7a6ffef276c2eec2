package dev.migrate.load;

import dev.migrate.changelog.SourceSpan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.xml.sax.SAXParseException;

/**
 * Turns the JDK's parser and validator messages ({@code cvc-complex-type.3.2.2: Attribute
 * 'nullabel' is not allowed to appear in element 'column'.}) into the plain sentences the
 * changelog promises ({@code unknown attribute 'nullabel' on <column>; did you mean
 * 'nullable'?}), placed at the tag or attribute they are about.
 *
 * <p>The validator reports a bad value twice: first what is wrong with the value
 * ({@code cvc-datatype-valid}, {@code cvc-enumeration-valid}...), then which attribute or
 * element holds it ({@code cvc-attribute.3}). The first is held back and merged into the
 * second, so the author reads one message.
 */
final class XsdErrors {

  /** Where the parser is when a problem is reported, which the message alone does not say. */
  interface Context {
    /** The element whose start tag is being read, or else the innermost open element. */
    String element();

    /** The element that holds {@link #element()}. */
    String parent();

    SourceSpan elementAt();

    SourceSpan attributeAt(String attribute);

    SourceSpan here();
  }

  private static final Pattern CODE = Pattern.compile("^(cvc-[A-Za-z.\\-0-9]+): (.*)$", Pattern.DOTALL);

  /** What a value of each named type must look like, for the types whose rule is a pattern. */
  private static final Map<String, String> SHAPES = Map.of(
      "revisionId", "a revision id is 1 to 64 lowercase letters, digits and underscores",
      "revisionIds", "revision ids are 1 to 64 lowercase letters, digits and underscores each, separated by spaces",
      "labels", "branch labels are letters, digits, '_' and '-', separated by spaces",
      "ruleIds", "lint rule ids are lowercase words joined by '-', separated by spaces",
      "duration", "a duration is a number and a unit (500ms, 2s, 10min, 1h) or a number of milliseconds",
      "sql", "it must not be blank",
      "oneLine", "it must not be empty");

  private final ChangelogXsd xsd;
  private final Context context;
  private String pendingCode;
  private String pendingMessage;

  XsdErrors(ChangelogXsd xsd, Context context) {
    this.xsd = xsd;
    this.context = context;
  }

  /** A well-formedness error: the file is not XML, or uses what a changelog may not (a DOCTYPE). */
  Diagnostic syntax(SAXParseException e, SourceText source) {
    SourceSpan at = e.getLineNumber() > 0
        ? source.span(source.offset(e.getLineNumber(), e.getColumnNumber()))
        : source.span(0);
    String message = String.valueOf(e.getMessage()).strip();
    String sentence;
    if (message.contains("DOCTYPE")) {
      sentence = "a DOCTYPE is not allowed in a changelog file (DTDs and entities are refused for safety); remove it";
    } else if (message.startsWith("Premature end of file")) {
      sentence = "the file ends before its XML begins or is complete; write <revision xmlns=\""
          + ChangelogXsd.NAMESPACE + "\" ...> ... </revision>";
    } else if (message.contains("must start and end within the same entity")) {
      sentence = "the file ends before every element is closed; close the open elements";
    } else if (message.startsWith("Content is not allowed in prolog")) {
      sentence = "text before the root element; the file must start with <?xml ...?> or the root element";
    } else {
      sentence = "malformed XML: " + trimPeriod(message) + "; fix the markup";
    }
    return Diagnostic.error(at, "xml-syntax", sentence);
  }

  /** A validation error as a diagnostic, or empty when it is held back to merge with the next one. */
  Optional<Diagnostic> translate(SAXParseException e) {
    String full = String.valueOf(e.getMessage()).strip();
    Matcher m = CODE.matcher(full);
    if (!m.matches()) {
      return Optional.of(Diagnostic.error(context.here(), "invalid-value", "not valid: " + trimPeriod(full)));
    }
    String code = m.group(1);
    String text = m.group(2);
    List<String> quoted = quoted(text);
    if (isValueProblem(code)) {
      if (pendingCode == null) {
        pendingCode = code;
        pendingMessage = text;
      }
      return Optional.empty();
    }
    Optional<Diagnostic> diagnostic = Optional.of(sentence(code, text, quoted));
    pendingCode = null;
    pendingMessage = null;
    return diagnostic;
  }

  /** A value problem that no attribute or element message followed. */
  Optional<Diagnostic> flush() {
    if (pendingCode == null) {
      return Optional.empty();
    }
    Diagnostic d = valueProblem(context.here(), "the value of <" + context.element() + ">", null);
    pendingCode = null;
    return Optional.of(d);
  }

  private Diagnostic sentence(String code, String text, List<String> quoted) {
    switch (code) {
      case "cvc-complex-type.3.2.2":
        // Attribute '{attribute}' is not allowed to appear in element '{element}'.
        return unknownAttribute(local(arg(quoted, 1)), arg(quoted, 0));
      case "cvc-complex-type.4":
        // Attribute '{attribute}' must appear on element '{element}'.
        return Diagnostic.error(context.elementAt(), "missing-key",
            "<" + local(arg(quoted, 1)) + "> is missing the required attribute '" + arg(quoted, 0) + "'; add "
                + arg(quoted, 0) + "=\"...\"");
      case "cvc-complex-type.2.4.a":
        return unexpectedElement(local(arg(quoted, 0)), names(arg(quoted, 1)));
      case "cvc-complex-type.2.4.d":
      case "cvc-complex-type.2.4.d.1":
        return unexpectedElement(local(arg(quoted, 0)), List.of());
      case "cvc-complex-type.2.4.b":
        return Diagnostic.error(context.elementAt(), "missing-key",
            "<" + local(arg(quoted, 0)) + "> is incomplete: it needs " + either(names(arg(quoted, 1)))
                + " here; add the missing element");
      case "cvc-complex-type.2.1":
        return Diagnostic.error(context.elementAt(), "wrong-type",
            "<" + local(arg(quoted, 0)) + "> takes no text or child elements; write its arguments as attributes");
      case "cvc-complex-type.2.3":
        return Diagnostic.error(context.here(), "wrong-type",
            "<" + local(arg(quoted, 0)) + "> cannot hold text; its arguments are attributes and child elements");
      case "cvc-attribute.3":
        // The value '{value}' of attribute '{attribute}' on element '{element}' is not valid with respect to its type, '{type}'.
        return valueProblem(context.attributeAt(arg(quoted, 1)),
            "attribute '" + arg(quoted, 1) + "' of <" + local(arg(quoted, 2)) + ">", arg(quoted, 3));
      case "cvc-type.3.1.3":
        // The value '{value}' of element '{element}' is not valid.
        return valueProblem(context.elementAt(), "the text of <" + local(arg(quoted, 1)) + ">", null);
      case "cvc-complex-type.2.2":
        return valueProblem(context.elementAt(), "the text of <" + local(arg(quoted, 0)) + ">", null);
      case "cvc-elt.1.a":
        return unknownRoot(local(arg(quoted, 0)));
      default:
        return Diagnostic.error(context.elementAt(), "invalid-value", "not valid here: " + trimPeriod(text));
    }
  }

  private Diagnostic unknownAttribute(String element, String attribute) {
    Set<String> allowed = xsd.attributes(element);
    Optional<String> near = Suggestion.nearest(attribute, allowed);
    String hint = near.map(n -> "; did you mean '" + n + "'?")
        .orElse(allowed.isEmpty() ? "; <" + element + "> takes no attributes"
            : "; <" + element + "> takes " + String.join(", ", allowed));
    return Diagnostic.error(context.attributeAt(attribute), "unknown-key",
        "unknown attribute '" + attribute + "' on <" + element + ">" + hint);
  }

  private Diagnostic unexpectedElement(String name, List<String> expected) {
    String parent = context.parent();
    Set<String> known = xsd.children(parent);
    if (known.contains(name)) {
      String order = String.join(", ", known);
      return Diagnostic.error(context.elementAt(), "unknown-key",
          "<" + name + "> cannot come here in <" + parent + ">"
              + (expected.isEmpty() ? "" : "; expected " + either(expected))
              + " (the elements of <" + parent + "> go in this order, each as often as the schema allows: " + order + ")");
    }
    Set<String> candidates = new LinkedHashSet<>(expected);
    candidates.addAll(known);
    Optional<String> near = Suggestion.nearest(name, candidates);
    String hint;
    if (near.isPresent()) {
      hint = "; did you mean <" + near.get() + ">?";
    } else if (!expected.isEmpty()) {
      hint = "; expected " + either(expected);
    } else if (known.isEmpty()) {
      hint = "; <" + parent + "> takes no child elements, write its arguments as attributes";
    } else {
      hint = "; <" + parent + "> holds " + either(new ArrayList<>(known));
    }
    return Diagnostic.error(context.elementAt(), "unknown-key", "unknown element <" + name + "> in <" + parent + ">" + hint);
  }

  private Diagnostic unknownRoot(String name) {
    String root = "<revision xmlns=\"" + ChangelogXsd.NAMESPACE + "\" ...>";
    if (name.equals("revision") || name.equals("existing-types")) {
      return Diagnostic.error(context.elementAt(), "unknown-key",
          "<" + name + "> is not in the changelog namespace; write <" + name + " xmlns=\"" + ChangelogXsd.NAMESPACE
              + "\" ...>");
    }
    return Diagnostic.error(context.elementAt(), "unknown-key",
        "unknown root element <" + name + ">; a changelog file's root is " + root + " or <existing-types xmlns=\""
            + ChangelogXsd.NAMESPACE + "\">");
  }

  /** One sentence for a bad value, from the held-back message that said what is wrong with it. */
  private Diagnostic valueProblem(SourceSpan at, String subject, String typeName) {
    String code = pendingCode == null ? "" : pendingCode;
    String message = pendingMessage == null ? "" : pendingMessage;
    List<String> quoted = quoted(message);
    String value = arg(quoted, 0);
    if (code.startsWith("cvc-datatype-valid.1.2.1")) {
      String type = arg(quoted, 1);
      String expected = switch (type) {
        case "boolean" -> "true or false";
        case "decimal" -> "a number";
        case "long", "int", "integer", "short" -> "a whole number";
        default -> "a value of type " + type;
      };
      return Diagnostic.error(at, "wrong-type", subject + " is '" + value + "'; write " + expected);
    }
    if (code.equals("cvc-enumeration-valid")) {
      List<String> allowed = List.of(arg(quoted, 1).replaceAll("^\\[|\\]$", "").split(",\\s*"));
      String choices = String.join(", ", allowed);
      String hint = Suggestion.nearest(value, allowed).map(n -> "did you mean '" + n + "'? (one of: " + choices + ")")
          .orElse("write one of: " + choices);
      return Diagnostic.error(at, "invalid-value", subject + " is '" + value + "'; " + hint);
    }
    if (code.equals("cvc-pattern-valid")) {
      String type = arg(quoted, 2);
      String rule = SHAPES.getOrDefault(type, SHAPES.getOrDefault(typeName == null ? "" : typeName,
          "it must match " + arg(quoted, 1)));
      return Diagnostic.error(at, "invalid-value", subject + " is '" + value + "'; " + rule);
    }
    if (code.equals("cvc-minLength-valid")) {
      return Diagnostic.error(at, "invalid-value", subject + " is empty; give it a value");
    }
    if (code.startsWith("cvc-max") || code.startsWith("cvc-min") || code.startsWith("cvc-totalDigits")) {
      return Diagnostic.error(at, "invalid-value", subject + " is '" + value + "', out of range: " + trimPeriod(message));
    }
    return Diagnostic.error(at, "invalid-value", subject + " is not valid: " + trimPeriod(message));
  }

  private static boolean isValueProblem(String code) {
    return code.startsWith("cvc-datatype-valid") || code.endsWith("-valid") && !code.startsWith("cvc-complex-type");
  }

  /**
   * The quoted arguments of a message, in order. A quote opens after a space, '(' or the start,
   * and closes before a space, '.', ',' or the end, so "the type's content" is not a quote.
   */
  static List<String> quoted(String text) {
    List<String> list = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      boolean opens = text.charAt(i) == '\'' && (i == 0 || " (".indexOf(text.charAt(i - 1)) >= 0);
      if (!opens) {
        i++;
        continue;
      }
      int close = i + 1;
      while (close < text.length() && !(text.charAt(close) == '\''
          && (close + 1 == text.length() || " .,".indexOf(text.charAt(close + 1)) >= 0))) {
        close++;
      }
      if (close >= text.length()) {
        break;
      }
      list.add(text.substring(i + 1, close));
      i = close + 1;
    }
    return list;
  }

  private static String arg(List<String> quoted, int index) {
    return index < quoted.size() ? quoted.get(index) : "";
  }

  /** {@code {"urn:...":column}} or {@code column}: the local name. */
  private static String local(String name) {
    String stripped = name.replaceAll("^\\{|\\}$", "");
    int colon = stripped.lastIndexOf("\":");
    return colon >= 0 ? stripped.substring(colon + 2) : stripped;
  }

  /** The element names of an expected-list: {@code {"urn:...":a, "urn:...":b}}. */
  private static List<String> names(String list) {
    String body = list.replaceAll("^\\{|\\}$", "");
    if (body.isBlank()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (String part : body.split(",\\s*")) {
      String name = local(part.strip());
      if (!name.isEmpty() && !names.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  private static String either(Collection<String> names) {
    List<String> tags = names.stream().map(n -> "<" + n + ">").collect(Collectors.toList());
    if (tags.isEmpty()) {
      return "more content";
    }
    if (tags.size() == 1) {
      return tags.get(0);
    }
    return String.join(", ", tags.subList(0, tags.size() - 1)) + " or " + tags.get(tags.size() - 1);
  }

  private static String trimPeriod(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
