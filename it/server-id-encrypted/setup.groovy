// A server that checks the password: chatadmin's is the one settings.xml holds encrypted, so
// only a correct decryption signs in. The pom's <url> reaches it through dbPort.
def server = dev.migrate.it.PasswordServer.start(new File(basedir, 'target/pg').toPath(), 'chatadmin', 'S3rv3rS3cret', 'app')
context.put('server', server)
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = "-DdbPort=${server.port()}\n"
true
