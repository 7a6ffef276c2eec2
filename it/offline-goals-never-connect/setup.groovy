// A listener where the database would be: the pom's <url>, and MIGRATE_URL in .env, point at it.
def trap = dev.migrate.it.ConnectionTrap.start()
context.put('trap', trap)
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = "-DtrapPort=${trap.port()}\n"
new File(basedir, '.env').text = "MIGRATE_URL=postgresql://nobody@127.0.0.1:${trap.port()}/offline_env\n"
true
