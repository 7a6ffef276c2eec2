def log = new File(basedir, 'build.log').text
assert log.contains('127.0.0.1')             // the message says where it tried
assert !log.contains('Sup3rS3cret')          // the password appears nowhere, even with -X
