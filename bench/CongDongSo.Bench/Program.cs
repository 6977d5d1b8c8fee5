using CongDongSo.Bench;

// Benchmarks and schema tools. Usage:
//   dotnet run -c Release --project bench/CongDongSo.Bench -- schema-script sqlite|postgres
return await Commands.RunAsync(args);
