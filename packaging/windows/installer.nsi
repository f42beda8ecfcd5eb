; NSIS script of the Windows installer; built on Linux by packaging/windows/build, which passes
;   VERSION, VERSION4 (a.b.c.d), STAGE (the folder to install), OUTFILE and ICON.
; Per user without administrator rights (%LOCALAPPDATA%\Programs\phieu-desktop) by default; for all users
; (Program Files) with /AllUsers, or by answering Có when the installer was started as administrator.
; Silent: /S. Uninstall: uninstall.exe (/S silent, /AllUsers for an all-users copy).
; The uninstaller removes only what the installer put there: never session files, never %APPDATA%\phieu-desktop.

; A 64-bit installer: the program is x64 only, and Wine in CI (Debian wine64) runs no 32-bit programs.
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma
SetCompressorDictSize 64

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include StrFunc.nsh
!include WinMessages.nsh
${Using:StrFunc} StrStr
${Using:StrFunc} UnStrStr
${Using:StrFunc} UnStrRep

!define APP "Phiếu tín nhiệm"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\phieu-desktop"
!define PROG_ID "PhieuDesktop.Session"
!define USER_ENV "Environment"
!define MACHINE_ENV "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\phieu-desktop"
BrandingText "${APP} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

Var AllUsers

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\bin\phieu-desktop.exe"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

VIProductVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductName" "${APP}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileDescription" "Cài đặt ${APP}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "LegalCopyright" "phieu-desktop"

!macro RequireAdmin
  UserInfo::GetAccountType
  Pop $0
  ${If} $0 != "Admin"
    MessageBox MB_OK|MB_ICONSTOP "Cài đặt (hoặc gỡ) cho mọi người dùng cần quyền quản trị: hãy chạy lại bằng \
      $\"Run as administrator$\", hoặc bỏ /AllUsers để cài cho riêng tài khoản này." /SD IDOK
    SetErrorLevel 740
    Quit
  ${EndIf}
!macroend

Function .onInit
  StrCpy $AllUsers 0
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/AllUsers" $1
  ${IfNot} ${Errors}
    !insertmacro RequireAdmin
    StrCpy $AllUsers 1
  ${ElseIfNot} ${Silent}
    UserInfo::GetAccountType
    Pop $1
    ${If} $1 == "Admin"
      MessageBox MB_YESNO|MB_ICONQUESTION "Cài ${APP} cho mọi người dùng máy tính này (thư mục Program Files)?$\n$\n\
        Chọn Không để chỉ cài cho tài khoản đang dùng." /SD IDNO IDNO +2
      StrCpy $AllUsers 1
    ${EndIf}
  ${EndIf}
  ${If} $AllUsers == 1
    SetShellVarContext all
    ; /D= given on the command line wins over the default
    ${If} $INSTDIR == "$LOCALAPPDATA\Programs\phieu-desktop"
      StrCpy $INSTDIR "$PROGRAMFILES64\phieu-desktop"
    ${EndIf}
  ${Else}
    SetShellVarContext current
  ${EndIf}
FunctionEnd

Function AddToPath
  ; bin\ holds only phieu.exe and phieu-desktop.exe, so nothing else lands on PATH.
  ClearErrors
  ${If} $AllUsers == 1
    ReadRegStr $0 HKLM "${MACHINE_ENV}" "Path"
  ${Else}
    ReadRegStr $0 HKCU "${USER_ENV}" "Path"
  ${EndIf}
  StrLen $1 $0
  ${If} $1 > 900  ; NSIS strings hold 1024 characters: never risk cutting a long PATH short
    DetailPrint "PATH quá dài, không thêm $INSTDIR\bin; lệnh phieu chạy được bằng đường dẫn đầy đủ."
    Return
  ${EndIf}
  ${StrStr} $1 ";$0;" ";$INSTDIR\bin;"
  ${If} $1 != ""
    Return
  ${EndIf}
  ${If} $0 == ""
    StrCpy $0 "$INSTDIR\bin"
  ${Else}
    StrCpy $0 "$0;$INSTDIR\bin"
  ${EndIf}
  ${If} $AllUsers == 1
    WriteRegExpandStr HKLM "${MACHINE_ENV}" "Path" $0
  ${Else}
    WriteRegExpandStr HKCU "${USER_ENV}" "Path" $0
  ${EndIf}
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=2000
FunctionEnd

Section "${APP}"
  SetOutPath "$INSTDIR"
  ; an update replaces the program's folders whole, so no module of an older version lingers
  RMDir /r "$INSTDIR\python"
  RMDir /r "$INSTDIR\lib"
  RMDir /r "$INSTDIR\bin"
  File /r "${STAGE}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  DetailPrint "Chuẩn bị mã chương trình (biên dịch trước, cho lần mở đầu nhanh hơn)…"
  nsExec::ExecToLog '"$INSTDIR\python\python.exe" -m compileall -q "$INSTDIR\lib"'
  Pop $0

  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\bin\phieu-desktop.exe" "" "$INSTDIR\phieu.ico" 0
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\bin\phieu-desktop.exe" "" "$INSTDIR\phieu.ico" 0

  ; .phieu files open in the window (SHCTX: HKCU per user, HKLM for all users)
  WriteRegStr SHCTX "Software\Classes\.phieu" "" "${PROG_ID}"
  WriteRegStr SHCTX "Software\Classes\${PROG_ID}" "" "Phiên lấy phiếu tín nhiệm"
  WriteRegStr SHCTX "Software\Classes\${PROG_ID}\DefaultIcon" "" "$INSTDIR\phieu.ico,0"
  WriteRegStr SHCTX "Software\Classes\${PROG_ID}\shell\open\command" "" '"$INSTDIR\bin\phieu-desktop.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  Call AddToPath

  ${If} $AllUsers == 1
    StrCpy $1 " /AllUsers"
  ${Else}
    StrCpy $1 ""
  ${EndIf}
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "phieu-desktop"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\phieu.ico"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"$1'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S$1'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $2 $3
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Function un.onInit
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/AllUsers" $1
  ${IfNot} ${Errors}
    !insertmacro RequireAdmin
    StrCpy $AllUsers 1
    SetShellVarContext all
  ${Else}
    StrCpy $AllUsers 0
    SetShellVarContext current
  ${EndIf}
FunctionEnd

Function un.RemoveFromPath
  ClearErrors
  ${If} $AllUsers == 1
    ReadRegStr $0 HKLM "${MACHINE_ENV}" "Path"
  ${Else}
    ReadRegStr $0 HKCU "${USER_ENV}" "Path"
  ${EndIf}
  ${If} ${Errors}
    Return
  ${EndIf}
  ${UnStrStr} $1 ";$0;" ";$INSTDIR\bin;"
  ${If} $1 == ""
    Return
  ${EndIf}
  ${UnStrRep} $0 ";$0;" ";$INSTDIR\bin;" ";"
  StrCpy $0 $0 "" 1  ; the separators added above
  StrCpy $0 $0 -1
  ${If} $AllUsers == 1
    WriteRegExpandStr HKLM "${MACHINE_ENV}" "Path" $0
  ${ElseIf} $0 == ""
    DeleteRegValue HKCU "${USER_ENV}" "Path"
  ${Else}
    WriteRegExpandStr HKCU "${USER_ENV}" "Path" $0
  ${EndIf}
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=2000
FunctionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"
  ; only the program's own folders and files: whatever else is in $INSTDIR (a session saved there) stays
  RMDir /r "$INSTDIR\python"
  RMDir /r "$INSTDIR\lib"
  RMDir /r "$INSTDIR\bin"
  Delete "$INSTDIR\phieu.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  ReadRegStr $0 SHCTX "Software\Classes\.phieu" ""
  ${If} $0 == "${PROG_ID}"
    DeleteRegValue SHCTX "Software\Classes\.phieu" ""
    DeleteRegKey /ifempty SHCTX "Software\Classes\.phieu"
  ${EndIf}
  DeleteRegKey SHCTX "Software\Classes\${PROG_ID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  Call un.RemoveFromPath
  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
  ; %APPDATA%\phieu-desktop (recent files, error log) and every session file are the user's: left alone.
SectionEnd
