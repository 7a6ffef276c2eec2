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

def maven = new dev.migrate.it.ChildMaven(basedir, localRepositoryPath)
def leaky = maven.run(["${maven.plugin()}:verify".toString(), '-Dmigrate.directory=src/leaky',
    '-Dorg.slf4j.simpleLogger.logFile=System.err'])
def out = leaky.out()
assert leaky.code() != 0
assert out.contains('b2c3d4e5f6a7: failed: after its downgrade, the database differs from before its upgrade') : "stdout was <${out}>"
assert out.contains('b2c3d4e5f6a7: extra column') && out.contains('display_name') : "stdout was <${out}>"
assert maven.stderr().contains('the round trip failed at b2c3d4e5f6a7')
