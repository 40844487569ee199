# `cmake --install build --prefix P`: the `mls` command, the public headers, libmls.so and a package
# config, so a host's CMakeLists.txt says `find_package(mls)` and links `mls::mls` (examples/embed).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
install(TARGETS mls RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/include/mls DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(MLS_EMBED)
  install(TARGETS mls_shared EXPORT mlsTargets LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(EXPORT mlsTargets NAMESPACE mls:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/mls)
  configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/mlsConfig.cmake.in ${CMAKE_BINARY_DIR}/mlsConfig.cmake
                                INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/mls)
  write_basic_package_version_file(${CMAKE_BINARY_DIR}/mlsConfigVersion.cmake COMPATIBILITY SameMinorVersion)
  install(FILES ${CMAKE_BINARY_DIR}/mlsConfig.cmake ${CMAKE_BINARY_DIR}/mlsConfigVersion.cmake
          DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/mls)
endif()
