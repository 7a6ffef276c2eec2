package dev.migrate.maven;

import dev.migrate.changelog.Changelog;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.schema.Replay;

/** A loaded, checked changelog: what every goal past loading works on. */
record Workspace(Changelog changelog, RevisionGraph graph, Replay replay) {}
