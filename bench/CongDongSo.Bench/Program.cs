using CongDongSo.Bench;

// Benchmarks and schema tools. Usage:
//   dotnet run -c Release --project bench/CongDongSo.Bench -- schema-script sqlite|postgres
//   dotnet run -c Release --project bench/CongDongSo.Bench -- import-admin-units <csv|xlsx> [sqlite|postgres] [connection]
//   dotnet run -c Release --project bench/CongDongSo.Bench -- field-package-size [households]
//   dotnet run -c Release --project bench/CongDongSo.Bench -- import-residents [sqlite|postgres] [rows=100000] [runs=3] [ef]
//   dotnet run -c Release --project bench/CongDongSo.Bench -- http-paths [seconds=10] [connections=16]
//   dotnet run -c Release --project bench/CongDongSo.Bench -- indicators [sqlite|postgres] [communes=100] [households=10000] [keep]
return await Commands.RunAsync(args);
