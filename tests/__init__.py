"""The test suite: a package, so that `tests.*` names these modules and never the `tests`
package some wheels install into site-packages (garmin-fit-sdk ships one)."""
