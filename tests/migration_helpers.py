"""Migrating the test database back and forth, for tests of the migrations that move or fill data."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import ProjectState


def migrate(targets=None) -> ProjectState:
    """Migrate to `targets` (every app's latest when None); the models as they stand there are the returned
    state's `.apps`. A target (app, None) unapplies that app."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([target for target in targets if target[1]])
