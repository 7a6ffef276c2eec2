def log = new File(basedir, 'build.log').text
assert log.contains('Revision a1b2c3d4e5f6 already exists; choose another -Dmigrate.revId')
assert new File(basedir, 'src/main/migrations').list().sort() == ['a1b2c3d4e5f6.yaml', 'c3d4e5f6a7b8.yaml']
