# Start-up (issue 24, goal 4): the `mls` command links its C libraries statically when their archives are
# installed (Debian's -dev packages ship them: libz.a, libzstd.a, libedit.a, libtinfo.a, libbsd.a, libmd.a).
#
# Why: every shared library costs the dynamic loader an open, four mmaps, its relocations and ~15 page
# faults at each start (~11–16 µs each on the VMs MLS runs on); `mls -e '1 m'` loaded six of them besides
# libc and libm, and four (libedit, libtinfo, libbsd, libmd) only serve the REPL's line editing.
#
# Only targets with the property MLS_STATIC_RUNTIME (the `mls` executable: runtime/CMakeLists.txt) get the
# archives, through generator expressions, as for the ANTLR runtime (grammar/CMakeLists.txt): libmls.so and
# the Python module are position-independent and the archives need not be, so they keep the shared
# libraries. A missing archive falls back to the shared library: the build never fails for want of one.
#
# Defines MLS_EDIT_LIBS (libedit for the REPL, with what libedit.a needs) and, when LLVM is linked
# statically, rewrites LLVMSupport's compression and terminfo libraries the same way.

# "$<IF:static?,ARCHIVE,SHARED>" for one library: ARCHIVE when found, else SHARED for every target.
function(mls_static_or_shared out archive_name shared)
  find_library(MLS_STATIC_${archive_name} NAMES lib${archive_name}.a)
  if(MLS_STATIC_${archive_name})
    set(${out} "$<IF:$<BOOL:$<TARGET_PROPERTY:MLS_STATIC_RUNTIME>>,${MLS_STATIC_${archive_name}},${shared}>" PARENT_SCOPE)
  else()
    set(${out} "${shared}" PARENT_SCOPE)
  endif()
endfunction()

foreach(lib z zstd)
  find_library(MLS_STATIC_${lib} NAMES lib${lib}.a)
endforeach()

# libedit.a calls libtinfo (tgetent, tputs) and libbsd (strlcpy, vis), which calls libmd: with the shared
# libedit those come as its own dependencies, with the archive they must be named, in that order.
find_library(MLS_STATIC_edit NAMES libedit.a)
find_library(MLS_STATIC_tinfo NAMES libtinfo.a)
find_library(MLS_STATIC_bsd NAMES libbsd.a)
find_library(MLS_STATIC_md NAMES libmd.a)
if(MLS_STATIC_edit AND MLS_STATIC_tinfo AND MLS_STATIC_bsd AND MLS_STATIC_md)
  # One generator expression per item: a `;` inside one would split it.
  set(_mls_static "$<BOOL:$<TARGET_PROPERTY:MLS_STATIC_RUNTIME>>")
  set(MLS_EDIT_LIBS "$<IF:${_mls_static},${MLS_STATIC_edit},edit>" "$<${_mls_static}:${MLS_STATIC_tinfo}>"
                    "$<${_mls_static}:${MLS_STATIC_bsd}>" "$<${_mls_static}:${MLS_STATIC_md}>")
else()
  set(MLS_EDIT_LIBS edit)
endif()

# LLVMSupport (static LLVM) names ZLIB::ZLIB, zstd::libzstd_shared and Terminfo::terminfo for every
# consumer; swap each for its archive in the `mls` executable.
if(TARGET LLVMSupport)
  get_target_property(_mls_support_libs LLVMSupport INTERFACE_LINK_LIBRARIES)
  set(_mls_rewritten "")
  foreach(lib IN LISTS _mls_support_libs)
    if(lib STREQUAL "ZLIB::ZLIB")
      mls_static_or_shared(lib z ZLIB::ZLIB)
    elseif(lib STREQUAL "zstd::libzstd_shared")
      mls_static_or_shared(lib zstd zstd::libzstd_shared)
    elseif(lib STREQUAL "Terminfo::terminfo")
      mls_static_or_shared(lib tinfo Terminfo::terminfo)
    endif()
    list(APPEND _mls_rewritten "${lib}")
  endforeach()
  set_target_properties(LLVMSupport PROPERTIES INTERFACE_LINK_LIBRARIES "${_mls_rewritten}")
endif()

# The archives found, for tests/cli/check_startup_process.py (they must not be the executable's NEEDED).
set(MLS_STATIC_LINKED_LIBS "")
foreach(lib z zstd edit tinfo bsd md)
  if(MLS_STATIC_${lib} AND (NOT lib MATCHES "^(edit|bsd|md)$" OR MLS_STATIC_edit AND MLS_STATIC_tinfo AND MLS_STATIC_bsd AND MLS_STATIC_md))
    list(APPEND MLS_STATIC_LINKED_LIBS ${lib})
  endif()
endforeach()
