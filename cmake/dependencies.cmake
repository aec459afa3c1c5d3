# Every dependency comes from Debian 12's packages; README.md says why each was chosen.
# CMake 3.25's FindBoost predates Boost 1.81 but finds its components correctly.
set(Boost_NO_WARN_NEW_VERSIONS ON)
find_package(Boost 1.81 EXACT REQUIRED COMPONENTS json program_options url)
find_package(RocksDB REQUIRED)
find_package(simdjson REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(ZLIB REQUIRED)
find_package(Threads REQUIRED)
if(DDB_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
