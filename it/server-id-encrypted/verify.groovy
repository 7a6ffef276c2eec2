def log = new File(basedir, 'build.log').text
// the user came from settings.xml's <server> and the password was decrypted (or pgjdbc would not get that far)
assert log.contains('as chatadmin')
// neither the decrypted password nor its encrypted form is printed, even with -X
assert !log.contains('S3rv3rS3cret')
assert !log.contains('JJA9VvjpJvUHYvBHdvaBV5FViXSvUShcnFFY9C0S5KY')
