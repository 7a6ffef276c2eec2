// migrate:verify: the clean changelog round-trips revision by revision on a scratch database
// (never target/migrate/embedded-db); then, in a child build, a downgrade that leaves a column
// behind fails the build naming the revision and the column.
def log = new File(basedir, 'build.log').text
assert log.contains('a1b2c3d4e5f6: upgrade, downgrade, upgrade: ok')
assert log.contains('b2c3d4e5f6a7: upgrade, downgrade, upgrade: ok')
assert log.contains('downgrade to base: ok')
assert log.contains('upgrade to heads: ok')
assert log.contains('ok: verified 2 revisions in ')
assert !new File(basedir, 'target/migrate/embedded-db').exists()

def pom = new File(basedir, 'pom.xml').text
def coordinate = { tag -> (pom =~ /<plugin>\s*<groupId>([^<]+)<\/groupId>\s*<artifactId>([^<]+)<\/artifactId>\s*<version>([^<]+)</)[0][tag] }
def plugin = "${coordinate(1)}:${coordinate(2)}:${coordinate(3)}"
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
def settings = new File(basedir, 'child-settings.xml')
settings.text = """<settings><offline>true</offline><profiles><profile><id>it</id>
  <activation><activeByDefault>true</activeByDefault></activation>
  <repositories><repository><id>local.central</id><url>file:///nonexistent</url></repository></repositories>
  <pluginRepositories><pluginRepository><id>local.central</id><url>file:///nonexistent</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>"""
def stderr = new File(basedir, 'child-stderr.log')
def command = [mvn, '-o', '-q', '-B', '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}".toString(),
    "${plugin}:verify".toString(), '-Dmigrate.directory=src/leaky', '-Dorg.slf4j.simpleLogger.logFile=System.err']
def builder = new ProcessBuilder(command).directory(basedir)
builder.environment().put('MAVEN_OPTS', '-Djansi.noreset=true')
builder.redirectError(ProcessBuilder.Redirect.appendTo(stderr))
def process = builder.start()
def out = new String(process.inputStream.bytes, 'UTF-8')
assert process.waitFor() != 0
assert out.contains('b2c3d4e5f6a7: failed: after its downgrade, the database differs from before its upgrade') : "stdout was <${out}>"
assert out.contains('b2c3d4e5f6a7: extra column') && out.contains('display_name') : "stdout was <${out}>"
assert stderr.text.contains('the round trip failed at b2c3d4e5f6a7')
