def trap = context.get('trap')
try {
  Thread.sleep(300)
  assert trap.databases().isEmpty() : "a skipped goal connected: ${trap.databases()}"
} finally {
  trap.close()
}
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert (log =~ /migrate: skipped \(migrate\.skip\)/).count == 5
assert !log.contains('embedded PostgreSQL')
assert !new File(basedir, 'target').exists() : 'a skipped goal wrote under target/'
assert new File(basedir, 'src/main/migrations').list().size() == 2 : 'a skipped revision goal wrote a file'
