def server = context.get('server')
try {
  def log = new File(basedir, 'build.log').text
  assert log.contains('BUILD SUCCESS') : 'the upgrade failed: see build.log (a wrong password fails authentication)'
  // the server checks passwords (a wrong one is refused), and chatadmin signed in with the decrypted one
  assert server.refuses('chatadmin', 'not-the-password', 'app')
  assert server.rows('app', "SELECT tableowner FROM pg_tables WHERE tablename = 'accounts'") == ['chatadmin']
  assert server.rows('app', 'SELECT DISTINCT applied_by FROM migrate_history') == ['chatadmin']
  // neither the decrypted password nor its encrypted form is printed, even with -X
  assert !log.contains('S3rv3rS3cret')
  assert !log.contains('JJA9VvjpJvUHYvBHdvaBV5FViXSvUShcnFFY9C0S5KY')
} finally {
  server.close()
}
