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

// -Dmigrate.verifyUrl: a server of the user's, whose changelog schemas (here public) verify empties
// first, leaving every other schema alone; the configured url is never used.
def server = dev.migrate.config.EmbeddedDatabase.fresh({ e -> } as java.util.function.Consumer)
try {
  def admin = server.target().open()
  admin.createStatement().execute('create table public.leftover (id int)')
  admin.createStatement().execute('create schema keep; create table keep.precious (id int)')
  def url = "jdbc:postgresql://localhost:${server.port()}/postgres?user=postgres".toString()
  def onServer = maven.run(["${maven.plugin()}:verify".toString(), "-Dmigrate.verifyUrl=${url}".toString(),
      '-Dorg.slf4j.simpleLogger.logFile=System.err'])
  assert onServer.code() == 0 : "stderr was <${maven.stderr()}>"
  assert onServer.out().contains('b2c3d4e5f6a7: upgrade, downgrade, upgrade: ok') : "stdout was <${onServer.out()}>"
  assert onServer.out().contains('ok: verified 2 revisions in ')
  def tables = admin.createStatement().executeQuery(
      "select string_agg(t, ',' order by t) from (select table_schema || '.' || table_name as t"
          + " from information_schema.tables where table_schema in ('public', 'keep')) as tables")
  tables.next()
  // public was emptied, then verify's final upgrade to heads left the changelog's own tables there
  assert tables.getString(1) == 'keep.precious,public.accounts,public.migrate_history,public.migrate_version' : tables.getString(1)
  admin.close()
} finally {
  server.close()
}
