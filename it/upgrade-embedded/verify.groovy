def log = new File(basedir, 'build.log').text
assert log.contains('embedded PostgreSQL')
assert log.contains('a1b2c3d4e5f6') && log.contains('add display name')
assert log =~ /b2c3d4e5f6a7 \(head\)/
assert new File(basedir, 'target/migrate/embedded-db').isDirectory()

// Only this platform's PostgreSQL binaries were fetched (by the plugin, through Maven's resolver,
// into the ITs' local repository): the plugin's POM names none of them.
def os = System.getProperty('os.name').toLowerCase()
def platform = (os.startsWith('mac') ? 'darwin' : os.startsWith('windows') ? 'windows' : 'linux') + '-' +
    (System.getProperty('os.arch') in ['aarch64', 'arm64'] ? 'arm64v8' : 'amd64')
def binaries = new File(localRepositoryPath, 'io/zonky/test/postgres').list() as List
assert binaries == ['embedded-postgres-binaries-' + platform]
