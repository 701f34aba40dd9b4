; Windows installer of Yizhan: the official embeddable CPython, the win_amd64 wheels and the app.
; Built on Linux by installer/windows/build.sh (makensis from Debian's nsis package):
;   makensis -DVERSION=0.1.0 -DSTAGE=build/win/stage -DOUTFILE=build/yizhan-0.1.0-win64-setup.exe yizhan.nsi
;
; Silent install for branch IT (no dialog):
;   yizhan-<v>-win64-setup.exe /S [/D=C:\Yizhan]
;     [/SERVER=https://registry:8443] [/CODEFILE=C:\path\code.txt] [/CAFP=sha256-fingerprint]
;     [/ALLUSERS]
; /CODEFILE names a file holding the one-time enrollment code: the code is read by `yizhan enroll`
; from that file, never put on a command line or in a log. The file is deleted once enrolled.
; Exit code: 0 installed (and enrolled when asked), 2 installed but enrollment failed, 3 refused:
; a newer version is installed (a downgrade; /ALLOWDOWNGRADE forces it, after a backup of the data).

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef STAGE
  !error "pass -DSTAGE=<staged folder>"
!endif
!ifndef OUTFILE
  !define OUTFILE "yizhan-${VERSION}-win64-setup.exe"
!endif

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "WordFunc.nsh"

Name "一站 Yizhan ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Yizhan"
InstallDirRegKey HKCU "Software\Yizhan" "InstallDir"
BrandingText "Yizhan ${VERSION}"

!define MUI_ABORTWARNING
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "Yizhan"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "一站 不动产登记服务点客户端"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "Yizhan maintainers"

Var Server
Var CodeFile
Var CaFp

Function .onInit
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/ALLUSERS" $R1
  ${IfNot} ${Errors}
    SetShellVarContext all
    StrCpy $INSTDIR "$PROGRAMFILES64\Yizhan"
  ${EndIf}
  ; refuse a downgrade: an older release cannot be trusted with data a newer one wrote
  ReadRegStr $R5 HKCU "Software\Yizhan" "Version"
  ${If} $R5 != ""
    ${VersionCompare} "$R5" "${VERSION}" $R6
    ClearErrors
    ${GetOptions} $R0 "/ALLOWDOWNGRADE" $R7
    ${If} $R6 == 1
    ${AndIf} ${Errors}
      MessageBox MB_ICONSTOP "已安装更新的版本 $R5，不能降级到 ${VERSION}（旧版本不能使用新版本写入的数据）。$\r$\nA newer version ($R5) is installed: refusing to downgrade to ${VERSION}." /SD IDOK
      SetErrorLevel 3
      Abort
    ${EndIf}
  ${EndIf}
  ${GetOptions} $R0 "/SERVER=" $Server
  ${GetOptions} $R0 "/CODEFILE=" $CodeFile
  ${GetOptions} $R0 "/CAFP=" $CaFp
FunctionEnd

Section "Yizhan" SecMain
  SetOutPath "$INSTDIR"
  ; an upgrade replaces the programs; the data, settings and logs live in %LOCALAPPDATA%\Yizhan
  RMDir /r "$INSTDIR\app"
  File /r "${STAGE}/*.*"
  WriteRegStr HKCU "Software\Yizhan" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "Software\Yizhan" "Version" "${VERSION}"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  !define UNINST "Software\Microsoft\Windows\CurrentVersion\Uninstall\Yizhan"
  WriteRegStr SHCTX "${UNINST}" "DisplayName" "一站 Yizhan"
  WriteRegStr SHCTX "${UNINST}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINST}" "Publisher" "Yizhan maintainers"
  WriteRegStr SHCTX "${UNINST}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr SHCTX "${UNINST}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD SHCTX "${UNINST}" "NoModify" 1
  CreateDirectory "$SMPROGRAMS\Yizhan"
  !include "${GEN}/apps-install.nsh"  ; a shortcut and a .cmd per front end (build.sh's APPS)
  ${If} $CodeFile != ""
    ${If} $Server == ""
      SetErrorLevel 2
      DetailPrint "enrollment skipped: /CODEFILE without /SERVER"
      Return
    ${EndIf}
    StrCpy $R2 ""
    ${If} $CaFp != ""
      StrCpy $R2 '--ca-fingerprint "$CaFp"'
    ${EndIf}
    nsExec::ExecToLog '"$INSTDIR\python\python.exe" -m shared.cli.main enroll --if-needed --server "$Server" --code-file "$CodeFile" $R2'
    Pop $R3
    ${If} $R3 == "0"
      Delete "$CodeFile"
    ${Else}
      SetErrorLevel 2
      DetailPrint "enrollment failed ($R3): run yizhan enroll again"
    ${EndIf}
  ${EndIf}
SectionEnd

Section "Uninstall"
  ; the programs only: cases, packets, the key and the logs stay in %LOCALAPPDATA%\Yizhan
  RMDir /r "$INSTDIR\python"
  RMDir /r "$INSTDIR\app"
  Delete "$INSTDIR\*.cmd"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Yizhan\*.lnk"
  RMDir "$SMPROGRAMS\Yizhan"
  !include "${GEN}/apps-uninstall.nsh"
  DeleteRegKey SHCTX "Software\Microsoft\Windows\CurrentVersion\Uninstall\Yizhan"
  DeleteRegKey HKCU "Software\Yizhan"
SectionEnd
