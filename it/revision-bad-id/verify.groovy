def log = new File(basedir, 'build.log').text
assert log.contains("-Dmigrate.revId='Add-Invoices' is not a valid revision id: use 1 to 64 lowercase letters, digits and underscores")
// nothing was written
assert new File(basedir, 'src/main/migrations').list().length == 2
