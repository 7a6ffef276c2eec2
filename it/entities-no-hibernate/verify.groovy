def log = new File(basedir, 'build.log').text
assert log.contains('-Dmigrate.desired=entities uses the project\'s own Hibernate ORM, and'
    + ' org.hibernate.orm:hibernate-core is not on its runtime class path; add it as a dependency')
assert !log.contains('Using a scratch embedded PostgreSQL') // no database started for nothing
