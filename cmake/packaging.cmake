# What `cmake --install` adds for people who use `mls` as a command (the binary itself is installed by
# cmake/install.cmake): its man page, completion scripts for bash, zsh and fish, the user docs and
# examples. `cpack -G DEB` (or the `package` target) builds a .deb of the whole installation.
# The man page and the completion scripts are generated from the built binary — help2man reads
# `mls --help` and `mls --version`, `mls completions SHELL` writes the scripts — so they describe
# exactly the command they are installed with.
set(MLS_SHARE ${CMAKE_BINARY_DIR}/share)
set(MLS_COMPLETION_FILES ${MLS_SHARE}/completions/mls ${MLS_SHARE}/completions/_mls ${MLS_SHARE}/completions/mls.fish)
add_custom_command(OUTPUT ${MLS_COMPLETION_FILES}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${MLS_SHARE}/completions
  COMMAND ${CMAKE_COMMAND} -DOUT=${MLS_SHARE}/completions/mls "-DCOMMAND=$<TARGET_FILE:mls>;completions;bash"
          -P ${CMAKE_SOURCE_DIR}/cmake/run_to_file.cmake
  COMMAND ${CMAKE_COMMAND} -DOUT=${MLS_SHARE}/completions/_mls "-DCOMMAND=$<TARGET_FILE:mls>;completions;zsh"
          -P ${CMAKE_SOURCE_DIR}/cmake/run_to_file.cmake
  COMMAND ${CMAKE_COMMAND} -DOUT=${MLS_SHARE}/completions/mls.fish "-DCOMMAND=$<TARGET_FILE:mls>;completions;fish"
          -P ${CMAKE_SOURCE_DIR}/cmake/run_to_file.cmake
  DEPENDS mls ${CMAKE_SOURCE_DIR}/cmake/run_to_file.cmake
  COMMENT "Writing the shell completion scripts (mls completions bash|zsh|fish)"
  VERBATIM)
set(MLS_SHARE_FILES ${MLS_COMPLETION_FILES})

find_program(MLS_HELP2MAN help2man)
if(MLS_HELP2MAN)
  set(MLS_MAN_PAGE ${MLS_SHARE}/man/mls.1)
  add_custom_command(OUTPUT ${MLS_MAN_PAGE}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${MLS_SHARE}/man
    COMMAND ${MLS_HELP2MAN} --no-info --locale=C.UTF-8 --section 1 --name "a units-checked language for reasoning about machine-learning systems"
            --include ${CMAKE_SOURCE_DIR}/cmake/mls.h2m --output ${MLS_MAN_PAGE} $<TARGET_FILE:mls>
    DEPENDS mls ${CMAKE_SOURCE_DIR}/cmake/mls.h2m
    COMMENT "Writing the man page from mls --help (help2man)"
    VERBATIM)
  list(APPEND MLS_SHARE_FILES ${MLS_MAN_PAGE})
  install(FILES ${MLS_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(WARNING "help2man not found (scripts/setup installs it): `cmake --install` will not install a man page")
endif()
add_custom_target(mls_share_files ALL DEPENDS ${MLS_SHARE_FILES})

install(FILES ${MLS_SHARE}/completions/mls DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${MLS_SHARE}/completions/_mls DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${MLS_SHARE}/completions/mls.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/LICENSE ${CMAKE_SOURCE_DIR}/CHANGELOG.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
file(GLOB MLS_EXAMPLE_SCRIPTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/examples/*.mls)
install(FILES ${MLS_EXAMPLE_SCRIPTS} DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

# The Debian package: everything above under /usr, the binary stripped, shared-library dependencies
# computed by dpkg-shlibdeps (LLVM is linked in statically); gnuplot draws the charts.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mls)
set(CPACK_PACKAGE_VENDOR "The MLS authors")
set(CPACK_PACKAGE_CONTACT "The MLS authors")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "units-checked language for reasoning about machine-learning systems")
set(CPACK_PACKAGE_DESCRIPTION "MLS checks the dimensions of every quantity (bytes, FLOPs, tokens, dollars never mix\n silently) and answers roofline, serving, training, fleet and carbon questions with solvers over a zoo\n of hardware and models.")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS gnuplot-nox)
include(CPack)
