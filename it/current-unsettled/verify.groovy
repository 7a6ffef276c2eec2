def log = new File(basedir, 'build.log').text
// PostgreSQL's message once, in the plugin's words, not pgjdbc's repeated after it
assert log.contains('ERROR 22012: division by zero')
assert !log.contains('ERROR: division by zero')
assert log.contains('stopped at statement 2 of 2; it is recorded in public.migrate_history as failed, with 1 of 2 statements committed')
// current names the revision that is part-way, what committed and what comes next
assert log =~ /a1b2c3d4e5f6, half done: transactional: false, failed part-way \(failed at .* by .*\): ERROR 22012: division by zero; statement 2 of 2: SELECT 1 \/ 0; 1 of 2 statements committed before it; the next upgrade resumes it at statement 2/
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'current.json'))
assert json.status == 'ok'
assert json.revisions == []
assert json.unsettled.size() == 1
assert json.unsettled[0].revision == 'a1b2c3d4e5f6'
assert json.unsettled[0].state == 'failed'
assert json.unsettled[0].statementsDone == 1
assert json.unsettled[0].message.startsWith('ERROR 22012: division by zero; statement 2 of 2: SELECT 1 / 0')
