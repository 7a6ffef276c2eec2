// Takes the snippets from the README, as a newcomer copies them.
def readme = new File(basedir, '../../../README.md').text
def blocks = (readme =~ /(?s)```xml\n(.*?)```/).collect { it[1] }
def plugin = blocks.find { it.contains('<artifactId>migrate-maven-plugin</artifactId>') && it.contains('<plugin>') }
def groups = blocks.find { it.contains('<pluginGroups>') }
assert plugin : 'README.md has no ```xml block with the <plugin> of migrate-maven-plugin'
assert groups : 'README.md has no ```xml block with <pluginGroups>'

def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('<!-- README -->', plugin)
new File(basedir, 'plugin-group-settings.xml').text = groups

// What mvn install writes beside the plugin (invoker:install does not): the group's prefix map,
// which Maven reads to find a plugin group's 'migrate' prefix.
def metadata = new File(localRepositoryPath, 'dev/migrate/maven-metadata-local.xml')
if (!metadata.exists()) {
  metadata.text = '''<?xml version="1.0" encoding="UTF-8"?>
<metadata>
  <plugins>
    <plugin>
      <name>migrate-maven-plugin</name>
      <prefix>migrate</prefix>
      <artifactId>migrate-maven-plugin</artifactId>
    </plugin>
  </plugins>
</metadata>
'''
}
return true
