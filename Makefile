# movimientos_sociales: every command a developer or CI needs.
# Odoo 19.0's tree is expected at /opt/odoo (or $ODOO_PATH); see README.md.
.PHONY: run stop reset test lint format setup i18n bench bench-import bench-mailing load e2e cluster cluster-stop

run:     ## Set up, create the demo database once, serve Odoo on http://127.0.0.1:8069
	@tools/run.sh

stop:    ## Stop the Odoo server started by make run
	@tools/stop.sh

reset:   ## Drop the project's PostgreSQL cluster, databases and filestore
	@tools/reset.sh

test:    ## Fresh test database, whole suite with pytest-odoo (HttpCase included)
	@tools/test.sh

lint:    ## ruff (lint + format check) and pylint-odoo, zero findings
	@tools/lint.sh

format:  ## Apply ruff's fixes and formatting
	@tools/lint.sh --fix

setup:   ## Only install prerequisites and start PostgreSQL
	@bash -c 'source tools/lib.sh && setup_all'

i18n:    ## Export the .pot from the test database and merge it into i18n/es.po
	@tools/i18n.sh

bench:   ## Benchmark against Odoo's own operations: make bench SIZE=small|medium|large|xlarge
	@tools/bench.sh

bench-import: ## P7: 10,000 organizations + 20,000 people from one XLSX: make bench-import ORGS=10000 RUNS=3
	@tools/bench_import.sh

bench-mailing: ## P8: 10,000-recipient sector mailing through Odoo's mail queue, with a kill test
	@tools/bench_mailing.sh

load:    ## Multi-worker load test with a worker killed: make load CLIENTS=16 OPS=500
	@tools/load.sh

cluster: ## Loopback cluster: PostgreSQL primary + streaming replica, 2 Odoo nodes, HAProxy
	@tools/cluster.sh

cluster-stop: ## Stop everything make cluster started, each process by its pid
	@tools/cluster_stop.sh

e2e:     ## A sector mailing sent by Odoo's mail queue to a local SMTP sink
	@tools/e2e.sh
