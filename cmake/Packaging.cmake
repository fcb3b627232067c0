# Installing peercert as a service, and the Debian package (scripts/package builds it).
#
# With PEERCERT_INSTALL_SERVICE (which scripts/package turns on, with the prefix /usr) the
# install also holds the systemd units, the settings file /etc/peercert/peercert.env and the
# backup script; without it, `cmake --install` installs the programs, the rules and the proxy
# samples only, for any prefix.

option(PEERCERT_INSTALL_SERVICE
       "Install the systemd units, /etc/peercert/peercert.env and the backup script (prefix /usr)"
       OFF)

set(packaging_dir "${PROJECT_SOURCE_DIR}/packaging")

# Sample sites for the HTTPS proxy in front of peercert-serve --behind-https-proxy.
install(FILES "${packaging_dir}/examples/nginx-peercert.conf" "${packaging_dir}/examples/Caddyfile"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/peercert/examples")

if(PEERCERT_INSTALL_SERVICE)
  # The units run /usr/bin/peercert and /usr/lib/peercert/peercert-backup.
  if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
    message(FATAL_ERROR "PEERCERT_INSTALL_SERVICE needs CMAKE_INSTALL_PREFIX=/usr, where the "
                        "systemd units look for peercert; it is ${CMAKE_INSTALL_PREFIX}.")
  endif()
  install(FILES
            "${packaging_dir}/systemd/peercert-serve.service"
            "${packaging_dir}/systemd/peercert-backup.service"
            "${packaging_dir}/systemd/peercert-backup.timer"
            "${packaging_dir}/systemd/peercert-notify.service"
            "${packaging_dir}/systemd/peercert-notify.timer"
          DESTINATION /lib/systemd/system)
  install(FILES "${packaging_dir}/peercert.env" DESTINATION /etc/peercert)
  install(PROGRAMS "${packaging_dir}/peercert-backup" DESTINATION lib/peercert)
endif()

# The Debian package: `cpack` in a build configured as scripts/package does.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME peercert)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "peercert tells a person whether they can become a certified peer specialist, and why,
and tracks every credential through its continuing education and renewal, for the
credentialing boards whose rule files it carries. This package runs its web server
(peercert-serve) as a systemd service behind an HTTPS proxy, backs up its database and
sends renewal reminders every day; samples for nginx and Caddy are in
/usr/share/peercert/examples.")
set(PEERCERT_PACKAGE_CONTACT "peercert maintainers <maintainers@users.noreply.h-seed-0850ba1f.example>"
    CACHE STRING "The Maintainer of the Debian package")
set(CPACK_PACKAGE_CONTACT "${PEERCERT_PACKAGE_CONTACT}")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # peercert_VERSION-RELEASE_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Shared libraries from dpkg-shlibdeps; besides them, adduser for the postinst, and libcurl,
# which peercert loads only when it sends email (dlopen), so dpkg-shlibdeps cannot see it.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, libcurl4")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx | caddy")
if(PEERCERT_INSTALL_SERVICE)
  # The user peercert, the settings file kept across upgrades, the services stopped on removal.
  set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
      "${packaging_dir}/debian/conffiles" "${packaging_dir}/debian/postinst"
      "${packaging_dir}/debian/prerm" "${packaging_dir}/debian/postrm")
  set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
endif()
include(CPack)
