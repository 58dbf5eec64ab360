# Two entry points (see README):
#   make run   installs what the build needs, builds, and shows the plugins and providers
#   make test  installs what the build and tests need, builds, and runs the whole test suite
# and: make install [PREFIX=/usr/local], make deb (klaude + klaude-dev packages in build/)
BUILD_DIR ?= build
BUILD_TYPE ?= Release
CMAKE_FLAGS ?=
JOBS ?= 2

PREFIX ?= /usr/local

.PHONY: run test deps peers configure build install deb clean

deps:
	scripts/install-deps.sh

peers:
	cd tests/peers && npm ci --no-audit --no-fund --loglevel=error

configure: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD_DIR) -j$(JOBS)

run: build
	$(BUILD_DIR)/bin/klaude plugins
	$(BUILD_DIR)/bin/klaude list

test: build peers
	ctest --test-dir $(BUILD_DIR) -j$(JOBS) --output-on-failure --timeout 300

install: build
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

deb: build
	cd $(BUILD_DIR) && cpack -G DEB

clean:
	rm -rf $(BUILD_DIR)
