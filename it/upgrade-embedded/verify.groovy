import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
assert log.contains('embedded PostgreSQL')
// The plugin's POM names no PostgreSQL binaries (but the tests'): the plugin fetched this
// platform's, through Maven's resolver, into the ITs' local repository.
def os = System.getProperty('os.name').toLowerCase()
def platform = (os.startsWith('mac') ? 'darwin' : os.startsWith('windows') ? 'windows' : 'linux') + '-' +
    (System.getProperty('os.arch') in ['aarch64', 'arm64'] ? 'arm64v8' : 'amd64')
assert new File(localRepositoryPath, 'io/zonky/test/postgres/embedded-postgres-binaries-' + platform).isDirectory()
def poms = []
new File(localRepositoryPath, 'dev/migrate/migrate-maven-plugin').eachFileRecurse { if (it.name.endsWith('.pom')) poms << it }
assert poms
poms.each { pom ->
  def binaries = (pom.text =~ /(?s)<dependency>(.*?)<\/dependency>/).collect { it[1] }.findAll {
    it.contains('<artifactId>embedded-postgres-binaries') && !it.contains('<scope>test</scope>')
  }
  assert binaries.isEmpty() : pom
}
assert log.contains('a1b2c3d4e5f6') && log.contains('add display name')
assert log =~ /b2c3d4e5f6a7 \(head\)/
assert new File(basedir, 'target/migrate/embedded-db').isDirectory()
// the JSON of current has the shape the README documents: history's, with the applied revisions only
def current = new JsonSlurper().parse(new File(basedir, 'target/current.json'))
assert current.status == 'ok'
assert current.heads == ['b2c3d4e5f6a7']
assert current.revisions*.id == ['b2c3d4e5f6a7']
assert current.revisions[0].current == true && current.revisions[0].head == true
assert current.revisions[0].downRevisions == ['a1b2c3d4e5f6']
assert current.revisions[0].message == 'add display name'
assert current.revisions[0].operations == ['add-column']
