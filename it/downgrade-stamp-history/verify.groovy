def log = new File(basedir, 'build.log').text
// the downgrade undid exactly the newest revision
assert log =~ /\[1\/1\] downgraded b2c3d4e5f6a7 add display name/
// current then names the revision below it
assert log =~ /a1b2c3d4e5f6, create accounts/
// stamp moved the version table to head without running anything, and history marks it current
assert log =~ /b2c3d4e5f6a7 \(head\) \(current\), add display name/
// and b2c3d4e5f6a7 ran once only: in the upgrade, not in the stamp
assert (log =~ /\] b2c3d4e5f6a7 add display name \(/).size() == 1
