; Inno Setup 6 script: installs the one-folder build (dist\phieu-desktop) and associates .phieu with the window.
; Build on Windows, from the repository root, after the PyInstaller build:
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\phieu-desktop.iss
; Saved as UTF-8 with a BOM so the Vietnamese texts survive.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{8E1C3B52-6A0B-4B8E-9C61-5E2E2B9F3A10}
AppName=Phiếu tín nhiệm
AppVersion={#AppVersion}
AppPublisher=phieu-desktop
AppVerName=Phiếu tín nhiệm {#AppVersion}
DefaultDirName={autopf}\phieu-desktop
DefaultGroupName=Phiếu tín nhiệm
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=phieu-desktop-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\phieu.ico
UninstallDisplayIcon={app}\phieu-desktop.exe
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; An office laptop without administrator rights can still install for the current user.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
; Inno Setup ships no official Vietnamese messages; put the community Vietnamese.isl beside this file to use it.
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình nền"; Flags: unchecked

[Files]
Source: "..\..\dist\phieu-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Phiếu tín nhiệm"; Filename: "{app}\phieu-desktop.exe"
Name: "{group}\Gỡ cài đặt Phiếu tín nhiệm"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Phiếu tín nhiệm"; Filename: "{app}\phieu-desktop.exe"; Tasks: desktopicon

[Registry]
; .phieu opens in the window; the icon is the program's.
Root: HKA; Subkey: "Software\Classes\.phieu"; ValueType: string; ValueName: ""; ValueData: "PhieuDesktop.Session"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\PhieuDesktop.Session"; ValueType: string; ValueName: ""; ValueData: "Phiên lấy phiếu tín nhiệm"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\PhieuDesktop.Session\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\phieu-desktop.exe,0"
Root: HKA; Subkey: "Software\Classes\PhieuDesktop.Session\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\phieu-desktop.exe"" ""%1"""

[Run]
Filename: "{app}\phieu-desktop.exe"; Description: "Mở chương trình Phiếu tín nhiệm"; Flags: nowait postinstall skipifsilent
