# Every dependency comes from Debian 12's packages; README.md says why each was chosen.
# Boost's own CMake package (CMake 3.25's FindBoost predates Boost 1.81).
find_package(Boost 1.81.0 EXACT REQUIRED CONFIG COMPONENTS json program_options url)
find_package(RocksDB REQUIRED)
find_package(simdjson REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(ZLIB REQUIRED)
find_package(Threads REQUIRED)
if(DDB_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
