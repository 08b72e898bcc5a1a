# shellcheck shell=bash
# The one list of what the tests need from the machine: Debian packages and the
# daemons started from them. Later features add to these lists, nothing else.
# Sourced by scripts/test and scripts/run; every function reuses what already answers.

WM_TEST_PACKAGES=(
	mariadb-server mariadb-client # the real database the tests use
	slapd ldap-utils              # a real OpenLDAP for the directory integration test
	chromium chromium-driver      # the browser tests
	fonts-ipafont-gothic fonts-noto-color-emoji # Japanese pages and the logo in their screenshots
	docker.io busybox-static      # a real dockerd; test images are built from busybox, nothing is pulled
	docker-registry               # CNCF Distribution, wired to the service's token endpoint
	squashfs-tools siftool        # SIF builds: mksquashfs, and the reference siftool to check them
	curl ca-certificates
)

WM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

WM_TEST_DB_NAME=${WM_TEST_DB_NAME:-wm_test}
WM_TEST_DB_USER=${WM_TEST_DB_USER:-wm}
WM_TEST_DB_PASSWORD=${WM_TEST_DB_PASSWORD:-wm-test-password}

log() { printf '[whalemountain] %s\n' "$*" >&2; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs whichever of the named Debian packages are missing (one apt-get update at most).
ensure_packages() {
	local missing=()
	local pkg
	for pkg in "$@"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	log "installing Debian packages: ${missing[*]}"
	as_root apt-get update -q >/dev/null
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# Waits up to $2 seconds for the command $1 (a string) to succeed.
wait_for() {
	local deadline=$((SECONDS + $2))
	until eval "$1" >/dev/null 2>&1; do
		[ $SECONDS -lt $deadline ] || { log "timed out waiting for: $1"; return 1; }
		sleep 0.2
	done
}

# Starts the Debian MariaDB server unless one answers, and creates the test database and user.
start_mariadb() {
	if ! as_root mariadb-admin ping >/dev/null 2>&1; then
		log "starting MariaDB"
		as_root install -d -o mysql -g mysql /run/mysqld
		[ -d /var/lib/mysql/mysql ] || as_root mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
		as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql --bind-address=127.0.0.1
		wait_for "as_root mariadb-admin ping" 30
	fi
	# scratch databases beside the test database (<name>_…, e.g. the migration tests'):
	# the underscores of the name are escaped, as GRANT reads _ and % as wildcards
	local scratch
	scratch="$(printf '%s' "${WM_TEST_DB_NAME}" | sed 's/_/\\_/g')\\_%"
	# every cached test context keeps its own connection pool, and the burst tests need
	# theirs full: the default 151 connections run out
	as_root mariadb <<SQL
SET GLOBAL max_connections = GREATEST(@@GLOBAL.max_connections, 1000);
CREATE DATABASE IF NOT EXISTS \`${WM_TEST_DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '${WM_TEST_DB_USER}'@'127.0.0.1' IDENTIFIED BY '${WM_TEST_DB_PASSWORD}';
CREATE USER IF NOT EXISTS '${WM_TEST_DB_USER}'@'localhost' IDENTIFIED BY '${WM_TEST_DB_PASSWORD}';
GRANT ALL PRIVILEGES ON \`${WM_TEST_DB_NAME}\`.* TO '${WM_TEST_DB_USER}'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`${WM_TEST_DB_NAME}\`.* TO '${WM_TEST_DB_USER}'@'localhost';
GRANT ALL PRIVILEGES ON \`${scratch}\`.* TO '${WM_TEST_DB_USER}'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`${scratch}\`.* TO '${WM_TEST_DB_USER}'@'localhost';
SQL
	export WM_TEST_DB_URL="jdbc:mariadb://127.0.0.1:3306/${WM_TEST_DB_NAME}"
	export WM_TEST_DB_USER WM_TEST_DB_PASSWORD
}

# Starts dockerd on the default unix socket unless one answers.
start_dockerd() {
	if as_root docker version >/dev/null 2>&1; then
		return 0
	fi
	log "starting dockerd"
	as_root mkdir -p /var/log/whalemountain
	as_root setsid dockerd --host unix:///var/run/docker.sock >/var/log/whalemountain/dockerd.log 2>&1 </dev/null &
	wait_for "as_root docker version" 60
}

# Whether something accepts TCP connections on host $1, port $2.
port_answers() {
	(exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# Copies template $1 to $2, replacing each ${NAME} by VALUE for every NAME=VALUE argument
# after them; fails if a ${WM_…} placeholder is left.
render_template() {
	local template=$1 out=$2 pair name value
	shift 2
	local script=()
	for pair in "$@"; do
		name=${pair%%=*}
		value=$(printf '%s' "${pair#*=}" | sed -e 's/[\\|&]/\\&/g')
		script+=(-e "s|\\\${${name}}|${value}|g")
	done
	sed "${script[@]}" "$template" >"$out"
	if grep -q '^[^#]*\${WM_' "$out"; then
		log "$out still has placeholders: $(grep -o '\${WM_[A-Z_]*}' "$out" | sort -u | tr '\n' ' ')"
		return 1
	fi
}

# Prints the secret the registry's notifications carry (wm.registry.notifications.secret):
# $WM_REGISTRY_NOTIFICATIONS_SECRET when set, otherwise $1/registry/notifications-secret,
# which the first call generates (64 hex digits, mode 0600) so that the service and the
# registry started later agree without anyone choosing one.
registry_notifications_secret() {
	if [ -n "${WM_REGISTRY_NOTIFICATIONS_SECRET:-}" ]; then
		printf '%s' "$WM_REGISTRY_NOTIFICATIONS_SECRET"
		return 0
	fi
	local file="$1/registry/notifications-secret"
	if [ ! -s "$file" ]; then
		mkdir -p "$1/registry"
		(umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$file")
	fi
	cat "$file"
}

# Starts Debian's docker-registry on 127.0.0.1:5000 unless something answers there, from
# deploy/registry/config.yml: storage under $1/registry/storage, token authentication by
# the service at $2 (default http://127.0.0.1:8080), trusting the service's token
# certificate $1/registry/token-cert.pem, which must exist, and push/delete notifications
# to the service with registry_notifications_secret. Sets WM_REGISTRY_PID to the process
# it started (empty when it reused one).
start_registry() {
	local data_dir=$1 service_url=${2:-http://127.0.0.1:8080}
	local dir="$data_dir/registry"
	WM_REGISTRY_PID=
	if port_answers 127.0.0.1 5000; then
		log "something already answers on 127.0.0.1:5000; using it as the registry"
		return 0
	fi
	[ -s "$dir/token-cert.pem" ] || { log "no token certificate at $dir/token-cert.pem; start the service first"; return 1; }
	mkdir -p "$dir/storage"
	# the rendered file holds the notifications secret
	(umask 077 && : >"$dir/config.yml")
	render_template "$WM_ROOT/deploy/registry/config.yml" "$dir/config.yml" \
		WM_REGISTRY_STORAGE="$dir/storage" \
		WM_REGISTRY_LISTEN=127.0.0.1:5000 \
		WM_REGISTRY_REALM="$service_url/registry/token" \
		WM_REGISTRY_SERVICE=whalemountain-registry \
		WM_REGISTRY_ISSUER=whalemountain \
		WM_REGISTRY_ROOTCERTBUNDLE="$dir/token-cert.pem" \
		WM_REGISTRY_NOTIFICATIONS_URL="$service_url/registry/notifications" \
		WM_REGISTRY_NOTIFICATIONS_SECRET="$(registry_notifications_secret "$data_dir")"
	log "starting the registry on 127.0.0.1:5000 (log: $dir/registry.log)"
	/usr/bin/docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 </dev/null &
	WM_REGISTRY_PID=$!
	wait_for "port_answers 127.0.0.1 5000" 15
}

# The real single-node Kubernetes of the Kubernetes tests (scripts/kubernetes): built once
# per version into ~/.cache/whalemountain (a cold build takes 10-15 minutes, a warm start
# seconds), started, and given the test images, which it cannot pull. The tests find it
# through `scripts/kubernetes env` and fail when it does not answer. Left running
# afterwards, as dockerd and MariaDB are; `scripts/kubernetes stop` stops it.
start_kubernetes() {
	"$WM_ROOT/scripts/kubernetes" start >/dev/null
	"$WM_ROOT/scripts/kubernetes" test-images
}

# The job images the image factory's end-to-end tests build in (ImageFactoryIT on Buildah,
# ImageFactoryBuildKitIT on rootless BuildKit): Debian roots made once by debootstrap, and
# BuildKit built from its Go modules, cached in ~/.cache/whalemountain (a cold build takes
# about 10 minutes, a warm one a few seconds, as dockerd already has the images).
build_factory_images() {
	"$WM_ROOT/scripts/factory" build
}

# Everything the test suite needs, installed and running.
prepare_test_machine() {
	ensure_packages "${WM_TEST_PACKAGES[@]}"
	start_mariadb
	start_dockerd
	start_kubernetes
	build_factory_images
	export WM_SLAPD=/usr/sbin/slapd WM_DOCKER_REGISTRY=/usr/bin/docker-registry
	export WM_CHROMIUM=/usr/bin/chromium WM_CHROMEDRIVER=/usr/bin/chromedriver
}
