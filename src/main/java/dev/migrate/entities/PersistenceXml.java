package dev.migrate.entities;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The {@code <property>} settings of the first persistence unit in the project's
 * {@code META-INF/persistence.xml}, when it has one: its naming strategy, enum and id settings
 * shape the schema as they do in the application. Its classes are found by the scan.
 */
final class PersistenceXml {

  private PersistenceXml() {}

  static Map<String, String> properties(ClassLoader loader) {
    URL url = loader.getResource("META-INF/persistence.xml");
    Map<String, String> out = new LinkedHashMap<>();
    if (url == null) {
      return out;
    }
    try (InputStream in = url.openStream()) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setNamespaceAware(true);
      Element root = factory.newDocumentBuilder().parse(in).getDocumentElement();
      NodeList units = root.getElementsByTagNameNS("*", "persistence-unit");
      if (units.getLength() == 0) {
        return out;
      }
      NodeList properties = ((Element) units.item(0)).getElementsByTagNameNS("*", "property");
      for (int i = 0; i < properties.getLength(); i++) {
        Element property = (Element) properties.item(i);
        out.put(property.getAttribute("name"), property.getAttribute("value"));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParserConfigurationException | SAXException e) {
      throw new dev.migrate.MigrateException("persistence-xml", url + ": error: " + e.getMessage()
          + "; fix META-INF/persistence.xml [persistence-xml]", e);
    }
  }
}
