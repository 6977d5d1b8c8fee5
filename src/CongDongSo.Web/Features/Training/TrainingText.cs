using CongDongSo.Web.Data;

namespace CongDongSo.Web.Features.Training;

/// <summary>Vietnamese names of the training enums (resource keys for English).</summary>
public static class TrainingText
{
    public static string Of(CourseOrganiser organiser) => organiser switch
    {
        CourseOrganiser.Ward => "Phường/xã",
        CourseOrganiser.Province => "Tỉnh/thành phố, Sở",
        _ => "Đối tác (VNPT, Viettel, ngân hàng…)",
    };

    public static string Of(CourseForm form) => form switch
    {
        CourseForm.InPerson => "Trực tiếp",
        CourseForm.Online => "Trực tuyến",
        _ => "Kết hợp trực tiếp và trực tuyến",
    };

    public static string Of(CourseAudience audience) => audience switch
    {
        CourseAudience.AllMembers => "Tất cả thành viên",
        CourseAudience.Team => "Một tổ",
        CourseAudience.Leaders => "Tổ trưởng, tổ phó",
        _ => "Thành viên được chọn",
    };

    public static string Of(CompletionState state) => state switch
    {
        CompletionState.OnTime => "Đã hoàn thành đúng hạn",
        CompletionState.Late => "Hoàn thành sau hạn",
        CompletionState.Rejected => "Chứng nhận bị trả lại",
        _ => "Chưa hoàn thành",
    };

    public static string Of(CompletionReview review) => review switch
    {
        CompletionReview.Verified => "Đã xác nhận",
        CompletionReview.Rejected => "Bị trả lại",
        _ => "Chờ xác nhận",
    };

    public static string Of(CheckInResult result) => result switch
    {
        CheckInResult.CheckedIn => "Đã điểm danh. Cảm ơn bạn đã tham gia!",
        CheckInResult.AlreadyCheckedIn => "Bạn đã điểm danh buổi học này rồi.",
        CheckInResult.NotOpenYet => "Chưa đến giờ điểm danh: điểm danh mở 30 phút trước giờ học.",
        CheckInResult.Closed => "Buổi học đã kết thúc, không điểm danh được nữa. Hãy báo cán bộ phụ trách.",
        CheckInResult.NotAMember => "Tài khoản của bạn không phải thành viên Tổ CNSCĐ của phường/xã tổ chức buổi học này.",
        _ => "Mã điểm danh không đúng hoặc không thuộc phường/xã của bạn.",
    };
}
