# Installs the gateway as a Windows service. Run in an elevated PowerShell from the repository.
# Binaries in C:\Program Files\Gateway, data in C:\ProgramData\Gateway.
param(
    [string]$InstallDir = "$env:ProgramFiles\Gateway",
    [string]$DataDir = "$env:ProgramData\Gateway",
    [string]$ServiceName = "EdiGateway"
)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
dotnet publish Gateway.Host -c Release -r win-x64 --self-contained false -p:PublishReadyToRun=true -o $InstallDir
New-Item -ItemType Directory -Force -Path $DataDir | Out-Null
if (-not (Test-Path "$DataDir\partner-profiles")) { Copy-Item -Recurse partner-profiles "$DataDir\partner-profiles" }
if (-not (Test-Path "$DataDir\maps")) { Copy-Item -Recurse maps "$DataDir\maps" }

New-Service -Name $ServiceName -DisplayName "EDI Gateway" -StartupType Automatic `
    -BinaryPathName "`"$InstallDir\gateway.exe`" run" -Description "EDI and B2B partner gateway"
# Settings for the service only: its data folders, the 4 MiB gen0 budget and no tiering delay (see README, Benchmark).
$environment = @(
    "Gateway__DataDirectory=$DataDir\data",
    "Gateway__PartnerProfiles=$DataDir\partner-profiles",
    "Gateway__Maps=$DataDir\maps",
    "DOTNET_GCgen0size=0x400000",
    "DOTNET_TC_CallCountingDelayMs=0"
)
New-ItemProperty -Path "HKLM:\SYSTEM\CurrentControlSet\Services\$ServiceName" -Name Environment -PropertyType MultiString -Value $environment -Force | Out-Null
# Restart after a failure: 5 s, then 30 s, then every minute.
sc.exe failure $ServiceName reset= 86400 actions= restart/5000/restart/30000/restart/60000 | Out-Null
Start-Service $ServiceName
Write-Host "Installed. Get-Service $ServiceName; logs in $DataDir\data\logs. Turn off Gateway:Sandbox:Enabled in $InstallDir\appsettings.json."
