package dev.migrate.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The published {@code changelog-schema/changelog.xsd}, read once from the classpath: the
 * compiled {@link Schema} that validates XML changelog files, and the vocabulary it declares
 * (which attributes and child elements each element takes), from which an error about an
 * unknown name suggests the nearest valid one.
 */
final class ChangelogXsd {

  static final String NAMESPACE = "urn:migrate:changelog:1";
  static final String RESOURCE = "changelog-schema/changelog.xsd";

  private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;

  private final Schema schema;
  private final Map<String, Set<String>> attributes;
  private final Map<String, Set<String>> children;
  private final List<String> operations;

  private ChangelogXsd(Schema schema, Map<String, Set<String>> attributes, Map<String, Set<String>> children,
      List<String> operations) {
    this.schema = schema;
    this.attributes = attributes;
    this.children = children;
    this.operations = List.copyOf(operations);
  }

  /** Loaded on first use; a Schema is thread-safe, so one serves every read. */
  private static final class Holder {
    static final ChangelogXsd INSTANCE = load();
  }

  static ChangelogXsd get() {
    return Holder.INSTANCE;
  }

  Schema schema() {
    return schema;
  }

  /** Attribute names an element of this local name may carry, over all its declarations. */
  Set<String> attributes(String element) {
    return attributes.getOrDefault(element, Set.of());
  }

  /** Child element names an element of this local name may hold, over all its declarations. */
  Set<String> children(String element) {
    return children.getOrDefault(element, Set.of());
  }

  /** The element names of the {@code operation} group, in schema order: one per operation key. */
  List<String> operations() {
    return operations;
  }

  private static ChangelogXsd load() {
    URL url = ChangelogXsd.class.getClassLoader().getResource(RESOURCE);
    if (url == null) {
      throw new IllegalStateException(RESOURCE + " is missing from the classpath; the plugin jar is incomplete");
    }
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XS);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      Schema schema;
      try (InputStream in = url.openStream()) {
        schema = factory.newSchema(new StreamSource(in, url.toExternalForm()));
      }
      DocumentBuilderFactory builders = DocumentBuilderFactory.newInstance();
      builders.setNamespaceAware(true);
      builders.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      builders.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element root;
      try (InputStream in = url.openStream()) {
        root = builders.newDocumentBuilder().parse(in).getDocumentElement();
      }
      return vocabulary(schema, root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    } catch (SAXException | ParserConfigurationException e) {
      throw new IllegalStateException(RESOURCE + " is not a valid schema: " + e.getMessage(), e);
    }
  }

  private static ChangelogXsd vocabulary(Schema schema, Element root) {
    Map<String, Element> types = new HashMap<>();
    Map<String, Element> groups = new HashMap<>();
    Map<String, Element> attributeGroups = new HashMap<>();
    for (Element top : childElements(root)) {
      String name = top.getAttribute("name");
      switch (top.getLocalName()) {
        case "complexType":
          types.put(name, top);
          break;
        case "group":
          groups.put(name, top);
          break;
        case "attributeGroup":
          attributeGroups.put(name, top);
          break;
        default:
          break;
      }
    }
    Definitions definitions = new Definitions(types, groups, attributeGroups);
    Map<String, Set<String>> attributes = new HashMap<>();
    Map<String, Set<String>> children = new HashMap<>();
    for (Element element : descendants(root, "element")) {
      if (!element.hasAttribute("name")) {
        continue;
      }
      String name = element.getAttribute("name");
      Set<String> attrs = attributes.computeIfAbsent(name, k -> new LinkedHashSet<>());
      Set<String> kids = children.computeIfAbsent(name, k -> new LinkedHashSet<>());
      String type = local(element.getAttribute("type"));
      if (types.containsKey(type)) {
        definitions.collect(types.get(type), attrs, kids);
      }
      definitions.collect(element, attrs, kids);
    }
    List<String> operations = new ArrayList<>();
    for (Element choice : childElements(groups.get("operation"))) {
      for (Element op : childElements(choice)) {
        if (op.getLocalName().equals("element")) {
          operations.add(op.getAttribute("name"));
        }
      }
    }
    return new ChangelogXsd(schema, freeze(attributes), freeze(children), operations);
  }

  /** Named definitions of the schema, followed through refs and extension bases. */
  private record Definitions(Map<String, Element> types, Map<String, Element> groups,
      Map<String, Element> attributeGroups) {

    /** Adds what {@code node} declares directly, not what its nested element declarations declare. */
    void collect(Element node, Set<String> attrs, Set<String> kids) {
      for (Element child : childElements(node)) {
        switch (child.getLocalName()) {
          case "attribute":
            attrs.add(child.getAttribute("name"));
            break;
          case "attributeGroup":
            collect(attributeGroups.get(local(child.getAttribute("ref"))), attrs, kids);
            break;
          case "group":
            collect(groups.get(local(child.getAttribute("ref"))), attrs, kids);
            break;
          case "element":
            kids.add(child.getAttribute("name"));
            break;
          case "extension":
            Element base = types.get(local(child.getAttribute("base")));
            if (base != null) {
              collect(base, attrs, kids);
            }
            collect(child, attrs, kids);
            break;
          case "complexType":
          case "sequence":
          case "choice":
          case "all":
          case "simpleContent":
          case "complexContent":
            collect(child, attrs, kids);
            break;
          default:
            break;
        }
      }
    }
  }

  private static String local(String qualified) {
    return qualified.substring(qualified.indexOf(':') + 1);
  }

  private static List<Element> childElements(Element parent) {
    List<Element> list = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && XS.equals(e.getNamespaceURI())) {
        list.add(e);
      }
    }
    return list;
  }

  private static List<Element> descendants(Element root, String localName) {
    List<Element> list = new ArrayList<>();
    var nodes = root.getElementsByTagNameNS(XS, localName);
    for (int i = 0; i < nodes.getLength(); i++) {
      list.add((Element) nodes.item(i));
    }
    return list;
  }

  private static Map<String, Set<String>> freeze(Map<String, Set<String>> map) {
    Map<String, Set<String>> copy = new HashMap<>();
    map.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(v)));
    return Map.copyOf(copy);
  }
}
