def trap = context.get('trap')
try {
  Thread.sleep(300)   // a connection still in the listener's backlog is counted too
  def asked = trap.databases()
  // only the last build's current connected: it asked for "online"; an offline goal would have asked for "offline"
  assert !asked.isEmpty() : 'current never reached the listener: the URL was not in force'
  assert asked.every { it == 'online' } : "an offline goal connected: ${asked}"
} finally {
  trap.close()
}
def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/migrate/upgrade.sql').isFile()
assert new File(basedir, 'src/main/migrations/d4e5f6a7b8c9_merged.yaml').isFile()
assert new File(basedir, 'src/main/migrations/e5f6a7b8c9d0_next.yaml').isFile()
assert log.contains('migrate:help')
assert log.contains('ok: 0 errors, 0 warnings, 0 info, 0 acknowledged in 3 revisions') // lint ran, offline
