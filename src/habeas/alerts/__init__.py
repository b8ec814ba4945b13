"""Alerts: rules in YAML (rules.yml, thresholds overridable in $HABEAS_HOME/alerts.yml) and
the service that checks them against the archive (service.alerts)."""
