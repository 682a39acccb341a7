; Jiuzhu's per-user Windows installer: no admin rights, %LOCALAPPDATA%\Programs\Jiuzhu, Chinese UI,
; Start-menu and desktop shortcuts, Windows 10+ x64 only, upgrades in place, and an uninstaller that keeps
; the data folder (%LOCALAPPDATA%\Jiuzhu, see app/paths.py).
;
; makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DVERSION4=0.1.0.0 -DPAYLOAD=dist\jiuzhu -DICON=build\icon\jiuzhu.ico
;          -DOUTFILE=installer\out\Jiuzhu-0.1.0-setup.exe installer\windows\jiuzhu.nsi
; build.ps1 passes these; VERSION is app.__version__ (installer/version.py).

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "VERSION is not defined: pass -DVERSION= (app.__version__)"
!endif
!ifndef VERSION4
  !error "VERSION4 is not defined: pass -DVERSION4= (python installer/version.py --four)"
!endif
!ifndef PAYLOAD
  !error "PAYLOAD is not defined: pass -DPAYLOAD= (the frozen dist\jiuzhu folder)"
!endif
!ifndef OUTFILE
  !define OUTFILE "Jiuzhu-${VERSION}-setup.exe"
!endif

!define APP_NAME "救助通"
!define APP_KEY "Jiuzhu"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_KEY}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP_KEY}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION4}"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" ""

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\jiuzhu.exe"
!define MUI_FINISHPAGE_RUN_TEXT "启动救助通"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "救助通需要 64 位的 Windows 10 或 Windows 11。本机是 32 位 Windows，无法安装。"
    Abort
  ${EndIf}
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_ICONSTOP "救助通需要 Windows 10 或 Windows 11（64 位）。Windows 7、8 无法运行本程序。"
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext current
FunctionEnd

Section "救助通" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program's own files only; the data folder is elsewhere and never touched.
  RMDir /r "$INSTDIR\_internal"
  RMDir /r "$INSTDIR\fonts"
  File /r "${PAYLOAD}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\jiuzhu.exe" "" "$INSTDIR\jiuzhu.exe" 0
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\jiuzhu.exe" "" "$INSTDIR\jiuzhu.exe" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\jiuzhu.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext current
FunctionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  ; Only what the installer put there: the data folder (%LOCALAPPDATA%\Jiuzhu) stays.
  RMDir /r "$INSTDIR\_internal"
  RMDir /r "$INSTDIR\fonts"
  Delete "$INSTDIR\jiuzhu.exe"
  Delete "$INSTDIR\jiuzhu-cli.exe"
  Delete "$INSTDIR\VERSION"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  IfSilent +2
    MessageBox MB_ICONINFORMATION "救助通已卸载。业务数据仍保留在 $LOCALAPPDATA\${APP_KEY} 中；如确需删除，请先备份。"
SectionEnd
