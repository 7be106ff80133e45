#!/bin/bash
# One MySQL schema and one MySQL user per service; each user has rights on its own schema alone.
#
# The mysql image runs this once, on the first start with an empty data volume (files in
# /docker-entrypoint-initdb.d). It is safe to run again by hand, e.g. after changing a password in .env and
# recreating the mysql container so it sees the new value:
#   docker compose exec mysql bash /docker-entrypoint-initdb.d/01-schemas.sh
# Running it again also removes any right a service user was given by hand outside its own schema.
#
# The names match the services' default CLINIC_DB_PREFIX (clinic_); change both together.
#
# The image may source this file instead of executing it (when it lost its executable bit), so it leaves the
# shell options alone and prefixes its own names with clinic_.

: "${MYSQL_ROOT_PASSWORD:?MYSQL_ROOT_PASSWORD is not set}"
: "${PATIENT_DB_PASSWORD:?PATIENT_DB_PASSWORD is not set}"
: "${PHARMACY_DB_PASSWORD:?PHARMACY_DB_PASSWORD is not set}"
: "${BILLING_DB_PASSWORD:?BILLING_DB_PASSWORD is not set}"

# A value as an SQL string literal: backslashes doubled, single quotes doubled.
clinic_sql_string() {
  printf "'%s'" "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e "s/'/''/g")"
}

# The statements for one service. $1: schema name, which is also the user name; $2: the user's password.
# In GRANT, "_" in a schema name is a wildcard (clinic_patient would also match clinicXpatient): escaped here.
clinic_service_sql() {
  local name="$1" password grant_schema
  password="$(clinic_sql_string "$2")"
  grant_schema="${name//_/\\_}"
  cat <<SQL
CREATE DATABASE IF NOT EXISTS \`$name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;
CREATE USER IF NOT EXISTS '$name'@'%' IDENTIFIED BY $password;
ALTER USER '$name'@'%' IDENTIFIED BY $password;
REVOKE ALL PRIVILEGES, GRANT OPTION FROM '$name'@'%';
GRANT ALL PRIVILEGES ON \`$grant_schema\`.* TO '$name'@'%';
SQL
}

echo "01-schemas.sh: creating schemas and users clinic_patient, clinic_pharmacy, clinic_billing"
{
  clinic_service_sql clinic_patient "$PATIENT_DB_PASSWORD"
  clinic_service_sql clinic_pharmacy "$PHARMACY_DB_PASSWORD"
  clinic_service_sql clinic_billing "$BILLING_DB_PASSWORD"
  echo "FLUSH PRIVILEGES;"
} | mysql -uroot -p"$MYSQL_ROOT_PASSWORD" || {
  echo "01-schemas.sh: failed" >&2
  exit 1
}
