#!/bin/sh
# Runs once, when the PostgreSQL volume is new: grantflow's database, and Temporal's two
# (persistence and visibility), each owned by a role of its own.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v grantflow_password="$GRANTFLOW_DB_PASSWORD" -v temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE grantflow LOGIN PASSWORD :'grantflow_password';
CREATE DATABASE grantflow OWNER grantflow;
CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
SQL
