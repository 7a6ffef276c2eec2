def log = new File(basedir, 'build.log').text
assert log =~ /migrations\/l1:1:1: error: symlink loop: l1 links to .*\[symlink-loop\]/
assert log =~ /migrations\/l2:1:1: error: symlink loop: l2 links to .*\[symlink-loop\]/
assert log =~ /migrations\/b2\.yaml:1:1: error: the changelog file 'b2\.yaml' is not a regular file .*\[not-a-regular-file\]/
assert log.contains('3 problems in the changelog')
assert !log.contains('defined twice')
