def log = new File(basedir, 'build.log').text
assert log =~ /a1b2c3d4e5f6_broken\.yaml:11:11: error: unknown key 'nullabel'; did you mean 'nullable'\?/
assert !log.contains('at dev.migrate.')   // no stack trace for a user's mistake
