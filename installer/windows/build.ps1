# Build Jiuzhu's Windows installer on a Windows 10/11 x64 build host (see installer/README.md).
#
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1 -FontDir D:\jiuzhu-fonts
#
# Needs: Python 3.11 x64 (the "py" launcher), NSIS 3 (makensis on PATH or in Program Files), and the
# bundled fonts: the build\fonts folder that installer/collect_fonts.py made on a Linux build host,
# copied here and named with -FontDir (they come from Debian packages and are not in the repository).
# Output: build\dist\jiuzhu (the program), build\out\Jiuzhu-<version>-setup.exe and its SHA-256.
# Signing is a separate, documented step (installer/RELEASE.md): this script never sees a key.
param(
    [string]$FontDir = "",
    [string]$PythonLauncher = "py",
    [string]$PythonVersion = "-3.11"
)
$ErrorActionPreference = "Stop"
Set-Location (Resolve-Path (Join-Path $PSScriptRoot "..\.."))

function Invoke-Checked([string]$What, [scriptblock]$Block) {
    Write-Host "== $What"
    & $Block
    if ($LASTEXITCODE -ne 0) { throw "$What failed with exit code $LASTEXITCODE" }
}

$venv = "build\venv-win"
$python = "$venv\Scripts\python.exe"
if (-not (Test-Path $python)) {
    Invoke-Checked "build venv" { & $PythonLauncher $PythonVersion -m venv $venv }
}
Invoke-Checked "pinned wheels (Qt 6.12)" {
    & $python -m pip install --disable-pip-version-check -r installer\requirements\build.txt `
        -r installer\requirements\qt-6.12.txt
}

if ($FontDir) {
    Invoke-Checked "fonts from $FontDir" { & $python installer\collect_fonts.py --out build\fonts --from $FontDir }
} elseif (-not (Test-Path build\fonts\uming.ttc)) {
    throw "No bundled fonts: copy build\fonts from a Linux build (installer/collect_fonts.py) and pass -FontDir"
}
Invoke-Checked "icon" { & $python installer\make_icon.py --font build\fonts\wqy-microhei.ttc --out build\icon }

Invoke-Checked "PyInstaller" {
    & "$venv\Scripts\pyinstaller.exe" --noconfirm --clean --log-level WARN `
        --distpath build\dist --workpath build\work installer\jiuzhu.spec
}
Invoke-Checked "smoke test of the frozen program (no GUI check on Windows)" {
    & $python installer\smoke.py build\dist\jiuzhu\jiuzhu-cli.exe --no-gui
}

# Signing, step 1 (installer/RELEASE.md): sign build\dist\jiuzhu\jiuzhu.exe and jiuzhu-cli.exe here,
# before NSIS packs them.
$version = (& $python installer\version.py).Trim()
$version4 = (& $python installer\version.py --four).Trim()
$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = Join-Path ${env:ProgramFiles(x86)} "NSIS\makensis.exe" }
if (-not (Test-Path $makensis)) { throw "makensis not found: install NSIS 3" }
New-Item -ItemType Directory -Force build\out | Out-Null
$root = (Get-Location).Path
$setup = Join-Path $root "build\out\Jiuzhu-$version-setup.exe"
Invoke-Checked "NSIS" {
    & $makensis /V2 /WX /INPUTCHARSET UTF8 "/DVERSION=$version" "/DVERSION4=$version4" `
        "/DPAYLOAD=$root\build\dist\jiuzhu" "/DICON=$root\build\icon\jiuzhu.ico" "/DOUTFILE=$setup" `
        installer\windows\jiuzhu.nsi
}

# Signing, step 2: sign the setup .exe here, before its SHA-256 is taken.
$hash = (Get-FileHash -Algorithm SHA256 $setup).Hash.ToLower()
"$hash  $(Split-Path $setup -Leaf)" | Set-Content -Encoding ascii "$setup.sha256"
Write-Host "$setup"
Write-Host "SHA-256 $hash"
