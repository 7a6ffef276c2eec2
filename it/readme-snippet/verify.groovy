def log = new File(basedir, 'build.log').text
def help = log.findAll(/This plugin has \d+ goals?:/)
assert help.size() == 2 : 'migrate:help ran ' + help.size() + ' times, expected twice:\n' + log
assert log.contains('migrate:upgrade')
assert !log.contains("No plugin found for prefix 'migrate'")
