package dev.migrate.load;

import dev.migrate.changelog.SourceSpan;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.TypeInfoProvider;
import javax.xml.validation.ValidatorHandler;
import org.w3c.dom.TypeInfo;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads one XML changelog file into a {@link Document} in the YAML spelling, so one model
 * reader serves both:
 *
 * <pre>
 * &lt;revision xmlns="urn:migrate:changelog:1" revision="a1" down-revision="p1 p2"&gt;
 *   &lt;message&gt;add users&lt;/message&gt;
 *   &lt;upgrade&gt;&lt;drop-table name="t" if-exists="true"/&gt;&lt;/upgrade&gt;
 * &lt;/revision&gt;
 *   -&gt; {"revision": "a1", "down-revision": ["p1", "p2"], "message": "add users",
 *       "upgrade": [{"drop-table": {"name": "t", "if-exists": true}}]}
 * </pre>
 *
 * <p>The file is parsed with the JDK alone (no DTDs, no external entities) and validated in the
 * same pass against {@code changelog-schema/changelog.xsd}; every problem becomes a
 * {@link Diagnostic} with file, line and column and a plain sentence, never an exception.
 */
public final class XmlReader {

  /** Deeper than any changelog needs; keeps a hostile file from exhausting the stack. */
  private static final int MAX_DEPTH = 64;

  private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;

  private XmlReader() {}

  /** The file's tree, or null after adding its diagnostics to {@code sink} when it is not a valid changelog file. */
  public static Document read(Path file, List<Diagnostic> sink) {
    String text;
    try {
      // Decode strictly, so a file in another encoding is named rather than misread.
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException e) {
      sink.add(Diagnostic.error(SourceSpan.startOf(file), "xml-syntax",
          "the file is not UTF-8; save it as UTF-8 (changelog files are read as UTF-8 whatever their XML declaration says)"));
      return null;
    } catch (IOException e) {
      sink.add(Diagnostic.error(SourceSpan.startOf(file), "xml-syntax", "cannot read the file: " + e.getMessage()));
      return null;
    }
    return read(file, text, sink);
  }

  /** Reads {@code text} as the content of {@code file}. */
  static Document read(Path file, String text, List<Diagnostic> sink) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    Parse parse = new Parse(new SourceText(file, body));
    XmlElement root = parse.run();
    if (!parse.problems.isEmpty() || root == null) {
      if (parse.problems.isEmpty()) {
        parse.problems.add(Diagnostic.error(SourceSpan.startOf(file), "xml-syntax",
            "the file holds no XML element; write <revision xmlns=\"" + ChangelogXsd.NAMESPACE + "\" ...>"));
      }
      sink.addAll(parse.problems);
      return null;
    }
    List<Diagnostic> problems = new ArrayList<>();
    Document document = XmlToJson.convert(file, root, problems);
    if (!problems.isEmpty()) {
      sink.addAll(problems);
      return null;
    }
    return document;
  }

  /** One pass over one file: parser, then validator, then the tree builder. */
  private static final class Parse {

    final SourceText source;
    final List<Diagnostic> problems = new ArrayList<>();
    final ValidatorHandler validator = ChangelogXsd.get().schema().newValidatorHandler();
    final XsdErrors errors;
    final Deque<XmlElement> open = new ArrayDeque<>();
    Locator locator;
    XmlElement root;

    // What the parser is doing when the validator reports a problem.
    boolean inStartTag;
    String startingName = "";
    int tagStart;
    int tagEnd;

    Parse(SourceText source) {
      this.source = source;
      this.errors = new XsdErrors(ChangelogXsd.get(), new Context());
    }

    XmlElement run() {
      try {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        XMLReader reader = factory.newSAXParser().getXMLReader();
        ErrorHandler handler = new Problems();
        reader.setErrorHandler(handler);
        validator.setErrorHandler(handler);
        validator.setContentHandler(new Builder());
        reader.setContentHandler(new Front());
        reader.parse(new InputSource(new StringReader(source.text())));
      } catch (SAXParseException e) {
        // A fatal error the Problems handler has already reported, or the depth limit.
        if (problems.isEmpty()) {
          problems.add(errors.syntax(e, source));
        }
      } catch (SAXException | IOException | ParserConfigurationException | RuntimeException e) {
        problems.add(Diagnostic.error(SourceSpan.startOf(source.span(0).file()), "xml-syntax",
            "cannot read the file as XML: " + e.getMessage() + "; check that it is well-formed"));
      }
      errors.flush().ifPresent(problems::add);
      return root;
    }

    /** Between the parser and the validator: notes where each tag is before the validator sees it. */
    private final class Front implements ContentHandler {

      @Override
      public void setDocumentLocator(Locator l) {
        locator = l;
        validator.setDocumentLocator(l);
      }

      @Override
      public void startDocument() throws SAXException {
        validator.startDocument();
      }

      @Override
      public void endDocument() throws SAXException {
        validator.endDocument();
      }

      @Override
      public void startPrefixMapping(String prefix, String uri) throws SAXException {
        validator.startPrefixMapping(prefix, uri);
      }

      @Override
      public void endPrefixMapping(String prefix) throws SAXException {
        validator.endPrefixMapping(prefix);
      }

      @Override
      public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        if (open.size() >= MAX_DEPTH) {
          throw new SAXParseException("elements nested deeper than " + MAX_DEPTH + " levels; a changelog never needs this",
              locator);
        }
        tagEnd = source.offset(locator.getLineNumber(), locator.getColumnNumber());
        tagStart = source.tagStart(tagEnd);
        startingName = localName;
        inStartTag = true;
        validator.startElement(uri, localName, qName, atts);
      }

      @Override
      public void endElement(String uri, String localName, String qName) throws SAXException {
        inStartTag = false;
        validator.endElement(uri, localName, qName);
      }

      @Override
      public void characters(char[] ch, int start, int length) throws SAXException {
        inStartTag = false;
        validator.characters(ch, start, length);
      }

      @Override
      public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        validator.ignorableWhitespace(ch, start, length);
      }

      @Override
      public void processingInstruction(String target, String data) throws SAXException {
        validator.processingInstruction(target, data);
      }

      @Override
      public void skippedEntity(String name) throws SAXException {
        validator.skippedEntity(name);
      }
    }

    /** After the validator: builds the element tree, with each attribute's schema type. */
    private final class Builder extends DefaultHandler {

      @Override
      public void startElement(String uri, String localName, String qName, Attributes atts) {
        TypeInfoProvider types = validator.getTypeInfoProvider();
        List<XmlElement.Attribute> attributes = new ArrayList<>();
        for (int i = 0; i < atts.getLength(); i++) {
          // xsi:* and other namespaced attributes are not arguments; defaulted ones were not written.
          if (!atts.getURI(i).isEmpty() || !types.isSpecified(i)) {
            continue;
          }
          String name = atts.getLocalName(i);
          attributes.add(new XmlElement.Attribute(name, atts.getValue(i), kind(types.getAttributeTypeInfo(i)),
              source.span(source.attribute(tagStart, tagEnd, name))));
        }
        XmlElement element = XmlElement.start(localName, source.span(tagStart), attributes);
        if (open.isEmpty()) {
          root = element;
        } else {
          open.peek().children().add(element);
        }
        open.push(element);
      }

      @Override
      public void endElement(String uri, String localName, String qName) {
        open.pop();
      }

      @Override
      public void characters(char[] ch, int start, int length) {
        if (!open.isEmpty()) {
          open.peek().text().append(ch, start, length);
        }
      }
    }

    private final class Problems implements ErrorHandler {

      @Override
      public void warning(SAXParseException e) {
        // Warnings (such as an unresolvable xsi:schemaLocation hint) do not change the meaning.
      }

      @Override
      public void error(SAXParseException e) {
        errors.translate(e).ifPresent(problems::add);
      }

      @Override
      public void fatalError(SAXParseException e) throws SAXException {
        problems.add(errors.syntax(e, source));
        throw e;
      }
    }

    /** What {@link XsdErrors} needs to know about the parser's place when a problem comes. */
    private final class Context implements XsdErrors.Context {

      @Override
      public String element() {
        if (inStartTag) {
          return startingName;
        }
        return open.isEmpty() ? "" : open.peek().name();
      }

      @Override
      public String parent() {
        if (inStartTag) {
          return open.isEmpty() ? "" : open.peek().name();
        }
        return open.size() < 2 ? "" : List.copyOf(open).get(1).name();
      }

      @Override
      public SourceSpan elementAt() {
        if (inStartTag || open.isEmpty()) {
          return source.span(tagStart);
        }
        // A problem found at an end tag (missing content, a bad value) belongs to the element's start.
        return open.peek().at();
      }

      @Override
      public SourceSpan attributeAt(String attribute) {
        return source.span(source.attribute(tagStart, tagEnd, attribute));
      }

      @Override
      public SourceSpan here() {
        return locator == null ? source.span(0) : source.span(source.offset(locator.getLineNumber(),
            locator.getColumnNumber()));
      }
    }

    private static XmlElement.Kind kind(TypeInfo type) {
      if (type == null || type.getTypeName() == null) {
        return XmlElement.Kind.STRING;
      }
      if (ChangelogXsd.NAMESPACE.equals(type.getTypeNamespace()) && type.getTypeName().equals("duration")) {
        return XmlElement.Kind.DURATION;
      }
      if (derives(type, "boolean")) {
        return XmlElement.Kind.BOOLEAN;
      }
      if (derives(type, "decimal")) {
        return XmlElement.Kind.NUMBER;
      }
      if (type.isDerivedFrom(XS, "anySimpleType", TypeInfo.DERIVATION_LIST)) {
        return XmlElement.Kind.LIST;
      }
      return XmlElement.Kind.STRING;
    }

    private static boolean derives(TypeInfo type, String xsType) {
      return (XS.equals(type.getTypeNamespace()) && xsType.equals(type.getTypeName()))
          || type.isDerivedFrom(XS, xsType, TypeInfo.DERIVATION_RESTRICTION);
    }
  }
}
